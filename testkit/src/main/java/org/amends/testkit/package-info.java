/**
 * How every Amends test gets real servers: Testcontainers where a Docker engine answers, the servers on this machine
 * otherwise (addresses from {@code AMENDS_TEST_*} environment variables, local defaults). A server that cannot be
 * reached fails the test with a message that says how to start it; nothing is ever skipped.
 */
@NullMarked
package org.amends.testkit;

import org.jspecify.annotations.NullMarked;
