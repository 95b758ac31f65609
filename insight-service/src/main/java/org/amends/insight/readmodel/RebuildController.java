package org.amends.insight.readmodel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an admin rebuild the read models from the event journal (after a fix to how events are applied). */
@RestController
class RebuildController {

    record Rebuilt(long eventsReplayed) {}

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/insights/admin/rebuild")
    @Operation(
            operationId = "rebuildReadModels",
            summary = "Rebuild the read models",
            description = "Replays every event received, in arrival order, into fresh cases, remedies and problems "
                    + "tables; consumption waits meanwhile. Alerts, corrective actions and spike baselines are kept.")
    @ApiResponse(responseCode = "200", description = "Rebuilt.")
    Rebuilt rebuild() {
        return new Rebuilt(rebuild.run());
    }
}
