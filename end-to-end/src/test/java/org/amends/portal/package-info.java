/** The web portal and the customers' status page, driven in a real headless Chromium against the whole platform. */
@NullMarked
package org.amends.portal;

import org.jspecify.annotations.NullMarked;
