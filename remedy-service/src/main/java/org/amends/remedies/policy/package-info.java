/**
 * The remedy policy catalogue: error kind × severity → suggested remedies with amount ranges, versioned in the
 * database (every edit by an admin is a new version) and seeded by a migration.
 */
@NullMarked
package org.amends.remedies.policy;

import org.jspecify.annotations.NullMarked;
