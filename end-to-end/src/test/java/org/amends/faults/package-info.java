/**
 * The fault suite: a private platform whose processes are killed with SIGKILL and whose connections to PostgreSQL and
 * RabbitMQ are cut while a partner's steady intake runs, then the promises "nothing accepted is lost" and "nothing is
 * applied twice" checked in every service's own database.
 */
@NullMarked
package org.amends.faults;

import org.jspecify.annotations.NullMarked;
