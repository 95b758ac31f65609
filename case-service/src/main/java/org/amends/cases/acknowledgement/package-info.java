/** The mea-culpa message: bilingual templates that name the mistake, the product and the next step. */
@NullMarked
package org.amends.cases.acknowledgement;

import org.jspecify.annotations.NullMarked;
