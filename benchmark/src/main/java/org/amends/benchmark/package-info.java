/** The load benchmark: the contact-centre load through the gateway, the machine's own limits beside it, the report. */
@NullMarked
package org.amends.benchmark;

import org.jspecify.annotations.NullMarked;
