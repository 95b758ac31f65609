/** The case aggregate in plain Java: its states, the transitions it allows and the events each one causes. */
@NullMarked
package org.amends.cases.lifecycle.model;

import org.jspecify.annotations.NullMarked;
