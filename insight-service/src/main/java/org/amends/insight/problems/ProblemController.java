package org.amends.insight.problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.insight.corrective.CorrectiveAction;
import org.amends.insight.corrective.CorrectiveActions;
import org.amends.insight.web.NotFoundException;
import org.amends.insight.web.Ranges;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Problems ranked by impact, and one problem with its cases, trend, root causes and corrective actions. */
@RestController
@RequestMapping("/api/insights/problems")
class ProblemController {

    record ProblemView(
            Problems.RankedProblem problem,
            List<Problems.RootCause> rootCauses,
            List<Problems.Day> trend,
            List<Problems.CaseLine> cases,
            List<CorrectiveAction> correctiveActions,
            List<Problems.LinkedIncident> incidents) {}

    private static final int CASES_SHOWN = 100;

    private final Problems problems;
    private final CorrectiveActions actions;
    private final Clock clock;

    ProblemController(Problems problems, CorrectiveActions actions, Clock clock) {
        this.problems = problems;
        this.actions = actions;
        this.clock = clock;
    }

    @GetMapping
    @Operation(operationId = "rankProblems", summary = "Problems ranked by impact", description = """
                    A Pareto view: problems (cases sharing product and error kind) by the number of their cases \
                    opened in the range, most first, with each one's share of all those cases and the cumulative \
                    share down the list, open cases, distinct affected customers and the cost of fulfilled remedies \
                    per currency. `from` defaults to 30 days before `to`, `to` to now.""")
    @ApiResponse(responseCode = "200", description = "One page of ranked problems.")
    Problems.Page rank(
            @Parameter(description = "Only this product.", example = "billing")
                    @RequestParam(required = false)
                    @Nullable
                    String product,
            @Parameter(description = "Only this error kind.", example = "CALCULATION")
                    @RequestParam(required = false)
                    @Nullable
                    String errorKind,
            @Parameter(description = "Cases opened at or after this instant.", example = "2026-11-01T00:00:00Z")
                    @RequestParam(required = false)
                    @Nullable
                    Instant from,
            @Parameter(description = "Cases opened before this instant.", example = "2026-12-01T00:00:00Z")
                    @RequestParam(required = false)
                    @Nullable
                    Instant to,
            @Parameter(description = "Page size, 1 to 100.") @RequestParam(defaultValue = "20") int limit,
            @Parameter(description = "Problems to skip, 0 to 10000.") @RequestParam(defaultValue = "0") int offset) {
        Ranges.page(limit, offset);
        var range = Ranges.range(from, to, clock.instant());
        return problems.ranked(product, errorKind, range.from(), range.to(), limit, offset);
    }

    @GetMapping("/{problemId}")
    @Operation(
            operationId = "getProblem",
            summary = "One problem",
            description = "The problem over all time: its figures, root-cause breakdown, daily trend (UTC days), its "
                    + "latest 100 cases, its corrective actions, and the incidents its cases are linked to (from "
                    + "`incidentId` on `case.opened` and `case.acknowledged`), with their case counts.")
    @ApiResponse(responseCode = "200", description = "The problem.")
    ProblemView get(@PathVariable UUID problemId) {
        var problem = problems.one(problemId).orElseThrow(() -> new NotFoundException("No problem " + problemId + "."));
        return new ProblemView(
                problem,
                problems.rootCauses(problemId),
                problems.trend(problemId),
                problems.cases(problemId, CASES_SHOWN),
                actions.ofProblem(problemId),
                problems.incidents(problemId));
    }
}
