package org.amends.insight.figures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import org.amends.insight.web.Ranges;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service figures for a time range. */
@RestController
class FiguresController {

    private final Figures figures;
    private final Clock clock;

    FiguresController(Figures figures, Clock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    @GetMapping("/api/insights/figures")
    @Operation(operationId = "figures", summary = "Service figures", description = """
                    For cases opened in the range: time to acknowledge and to resolve (p50, p90, p99 seconds per \
                    channel and per severity), SLA breach rate, CSAT with and without a remedy, deflection (resolved \
                    or closed cases without a remedy). Remedy cost by type and by error kind counts remedies \
                    fulfilled in the range. The learning rate (problems whose fixes held) is over all time. `from` \
                    defaults to 30 days before `to`, `to` to now.""")
    @ApiResponse(responseCode = "200", description = "The figures.")
    Figures.Summary summary(
            @Parameter(description = "From this instant (inclusive).", example = "2026-11-01T00:00:00Z")
                    @RequestParam(required = false)
                    @Nullable
                    Instant from,
            @Parameter(description = "To this instant (exclusive).", example = "2026-12-01T00:00:00Z")
                    @RequestParam(required = false)
                    @Nullable
                    Instant to) {
        var range = Ranges.range(from, to, clock.instant());
        return figures.summary(range.from(), range.to());
    }
}
