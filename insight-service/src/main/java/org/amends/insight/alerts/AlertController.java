package org.amends.insight.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.amends.insight.security.Caller;
import org.amends.insight.web.NotFoundException;
import org.amends.insight.web.Ranges;
import org.amends.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts insight raised, newest first, and their acknowledgement. */
@RestController
class AlertController {

    private final Alerts alerts;
    private final Clock clock;

    AlertController(Alerts alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @GetMapping("/api/insights/alerts")
    @Operation(
            operationId = "listAlerts",
            summary = "Alerts",
            description = "Recurrence, spike and reputation-risk alerts, newest first.")
    @ApiResponse(responseCode = "200", description = "One page of alerts.")
    List<Alerts.Alert> list(
            @Parameter(description = "Only this kind: RECURRENCE, SPIKE or REPUTATION.")
                    @RequestParam(required = false)
                    @Nullable
                    String kind,
            @Parameter(description = "Only acknowledged (true) or unacknowledged (false) alerts.")
                    @RequestParam(required = false)
                    @Nullable
                    Boolean acknowledged,
            @Parameter(description = "Page size, 1 to 100.") @RequestParam(defaultValue = "20") int limit,
            @Parameter(description = "Alerts to skip, 0 to 10000.") @RequestParam(defaultValue = "0") int offset) {
        Ranges.page(limit, offset);
        AlertKind parsed = null;
        if (kind != null) {
            try {
                parsed = AlertKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.of("kind", "must be one of " + List.of(AlertKind.values()), kind);
            }
        }
        return alerts.list(parsed, acknowledged, limit, offset);
    }

    @PostMapping("/api/insights/alerts/{alertId}/acknowledgement")
    @Operation(
            operationId = "acknowledgeAlert",
            summary = "Acknowledge an alert",
            description = "Records who took the alert in hand; acknowledging again keeps the first acknowledgement.")
    @ApiResponse(responseCode = "200", description = "The acknowledged alert.")
    Alerts.Alert acknowledge(@PathVariable UUID alertId, Authentication authentication) {
        return alerts.acknowledge(alertId, Caller.name(authentication), clock.instant())
                .orElseThrow(() -> new NotFoundException("No alert " + alertId + "."));
    }
}
