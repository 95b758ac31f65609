/** Events published by insight-service: what it learned from the stream of case and remedy events. */
@NullMarked
package org.amends.contracts.insights;

import org.jspecify.annotations.NullMarked;
