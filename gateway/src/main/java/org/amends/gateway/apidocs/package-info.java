/** The services' OpenAPI documents, published through the gateway with the gateway as their server. */
@NullMarked
package org.amends.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
