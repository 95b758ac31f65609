/** Checks of how Amends is deployed: the compose file, the kustomize overlays and the monitoring configuration. */
@NullMarked
package org.amends.operations;

import org.jspecify.annotations.NullMarked;
