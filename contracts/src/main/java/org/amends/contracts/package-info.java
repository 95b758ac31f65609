/** The event contract between Amends services: CloudEvents envelope, event types, their data records. */
@NullMarked
package org.amends.contracts;

import org.jspecify.annotations.NullMarked;
