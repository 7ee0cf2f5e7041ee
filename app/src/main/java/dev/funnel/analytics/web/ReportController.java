package dev.funnel.analytics.web;

import dev.funnel.analytics.ConversionReport;
import dev.funnel.analytics.CycleReport;
import dev.funnel.analytics.DealRow;
import dev.funnel.analytics.DrillDown;
import dev.funnel.analytics.ForecastReport;
import dev.funnel.analytics.FunnelReport;
import dev.funnel.analytics.GroupBy;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.analytics.TimeInStageReport;
import dev.funnel.analytics.WinRateReport;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel reports over REST, each with the Reports page's filters; the figures are those docs/metrics.md
 * defines, over what the caller may see, with the counts they rest on.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/funnel")
    @Operation(summary = "Deals created in the period that reached each stage, and those won")
    FunnelReport funnel(Filter filter) {
        return reports.funnel(filter.toReportFilter());
    }

    @GetMapping("/conversion")
    @Operation(summary = "Per stage, the share of deals entering it in the period that later moved on; the bottleneck")
    ConversionReport conversion(Filter filter) {
        return reports.conversion(filter.toReportFilter());
    }

    @GetMapping("/time-in-stage")
    @Operation(summary = "Mean and median days of the stays in each stage that ended in the period")
    TimeInStageReport timeInStage(Filter filter) {
        return reports.timeInStage(filter.toReportFilter());
    }

    @GetMapping("/win-rates")
    @Operation(summary = "Win rate and won deal size of the deals closed in the period (from/to: close date), "
            + "grouped by owner, team, product, source or month")
    WinRateReport winRates(Filter filter, @RequestParam(defaultValue = "owner") String groupBy, Locale locale) {
        return reports.winRates(filter.toReportFilter(), groupBy(groupBy), locale);
    }

    @GetMapping("/cycle")
    @Operation(summary = "Median and mean days from creation to close of the deals closed in the period; velocity")
    CycleReport cycle(Filter filter) {
        return reports.cycle(filter.toReportFilter());
    }

    @GetMapping("/forecast")
    @Operation(summary = "Closed won plus open deals expected to close in the period (default: this quarter), "
            + "weighted by stage probability, by forecast category; configured and historical stage probabilities; "
            + "when deals carry a win probability, model: the forecast weighted by it and the won amount's P10, P50 "
            + "and P90 (docs/scoring.md)")
    ForecastReport forecast(Filter filter) {
        return reports.forecast(filter.toReportFilter());
    }

    @GetMapping("/deals")
    @Operation(summary = "The opportunities behind a figure: drill=reached (stageId), won, entered (stageId) or "
            + "closed (optionally groupBy with groupKey, and outcome=won|lost), with the same filters")
    PageResult<DealRow> deals(Filter filter, @RequestParam String drill, @RequestParam(required = false) Long stageId,
                              @RequestParam(required = false) String groupBy,
                              @RequestParam(required = false) String groupKey,
                              @RequestParam(defaultValue = "any") String outcome,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        DrillDown.Outcome closedAs = Arrays.stream(DrillDown.Outcome.values())
                .filter(o -> o.name().equalsIgnoreCase(outcome.trim())).findFirst()
                .orElseThrow(() -> InvalidInputException.of("outcome", "validation.report.outcome"));
        DrillDown drillDown = switch (drill.trim().toLowerCase(Locale.ROOT)) {
            case "reached" -> DrillDown.reached(required(stageId));
            case "won" -> DrillDown.won();
            case "entered" -> DrillDown.entered(required(stageId));
            case "closed" -> DrillDown.closed(groupBy == null ? null : groupBy(groupBy), blank(groupKey), closedAs);
            default -> throw InvalidInputException.of("drill", "validation.report.drill");
        };
        return reports.dealsBehind(filter.toReportFilter(), drillDown, PageRequest.of(page, size));
    }

    private static long required(Long stageId) {
        if (stageId == null) {
            throw InvalidInputException.of("stageId", "validation.required");
        }
        return stageId;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static GroupBy groupBy(String value) {
        return Arrays.stream(GroupBy.values()).filter(g -> g.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> InvalidInputException.of("groupBy", "validation.report.group-by",
                        Arrays.stream(GroupBy.values()).map(g -> g.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }

    /** The query parameters every report takes. */
    record Filter(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Long pipelineId, Long teamId,
                  Long ownerId, Long productId, String source, String currency) {

        ReportFilter toReportFilter() {
            return new ReportFilter(from, to, pipelineId, teamId, ownerId, productId, blankToNull(source),
                    blankToNull(currency));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
