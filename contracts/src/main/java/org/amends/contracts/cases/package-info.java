/** Events published by case-service about a case's lifecycle. */
@NullMarked
package org.amends.contracts.cases;

import org.jspecify.annotations.NullMarked;
