/**
 * The read models built only from events: cases, remedies and problems, applied idempotently and in any order (each
 * case fact keeps the value of the highest case version that set it), with a journal of every event received so a
 * rebuild from replay gives the same tables.
 */
@NullMarked
package org.amends.insight.readmodel;

import org.jspecify.annotations.NullMarked;
