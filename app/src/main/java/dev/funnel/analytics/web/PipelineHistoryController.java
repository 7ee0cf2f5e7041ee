package dev.funnel.analytics.web;

import dev.funnel.analytics.CycleChangeReport;
import dev.funnel.analytics.CycleChangeService;
import dev.funnel.analytics.FlaggedDeal;
import dev.funnel.analytics.MovedDeal;
import dev.funnel.analytics.PipelineAsOfReport;
import dev.funnel.analytics.PipelineHistoryService;
import dev.funnel.analytics.PipelineMovement;
import dev.funnel.analytics.ReportFilter;
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
 * The pipeline's past over REST (docs/metrics.md): as of a date, the movement between two dates, the deals
 * behind each figure and the flagged deals. Dates are days in the company's time zone; a day means its end.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class PipelineHistoryController {

    private final PipelineHistoryService history;
    private final CycleChangeService cycles;

    PipelineHistoryController(PipelineHistoryService history, CycleChangeService cycles) {
        this.history = history;
        this.cycles = cycles;
    }

    @GetMapping("/cycle-change")
    @Operation(summary = "Why the sales cycle changed: the deals won in from1..to1 against those won in from2..to2 "
            + "(cycle median and mean, win rate, average won deal, deals open at each period's end, velocity), and "
            + "what each stage's time, each rep, each product (of the deal's largest line) and each lead source "
            + "contributed to the difference of the mean cycle, in days; each breakdown adds up to the difference")
    CycleChangeReport cycleChange(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from1,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to1,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from2,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to2,
            Filter filter, Locale locale) {
        return cycles.compare(filter.toReportFilter(), from1, to1, from2, to2, locale);
    }

    @GetMapping("/pipeline-as-of")
    @Operation(summary = "The open pipeline per stage at the end of a day (date, not in the future): counts, "
            + "amounts and weighted amounts as they were then; closeFrom/closeTo keep only deals then expected to "
            + "close in that period")
    PipelineAsOfReport asOf(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate date, Filter filter) {
        return history.asOf(filter.toReportFilter(), date);
    }

    @GetMapping("/pipeline-as-of/deals")
    @Operation(summary = "The deals of one stage open at the end of the day, largest first")
    PageResult<MovedDeal> asOfDeals(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate date, @RequestParam long stageId, Filter filter,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        return history.asOfDeals(filter.toReportFilter(), date, stageId, PageRequest.of(page, size));
    }

    @GetMapping("/movement")
    @Operation(summary = "What moved the open pipeline between the end of from and the end of to: open at from, "
            + "created, reopened, pulled in, joined, amount up and down, won, lost, pushed out, left, open at to; "
            + "for the whole selection and per stage (with stage moves). start + bars = end, in deals and amount")
    PipelineMovement movement(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate to, Filter filter) {
        return history.movement(filter.toReportFilter(), from, to);
    }

    @GetMapping("/movement/deals")
    @Operation(summary = "The deals behind one bar of the movement (movement=created, won, …, stage_in, stage_out; "
            + "stageId for one stage's bar), largest change first")
    PageResult<MovedDeal> movedDeals(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate to, @RequestParam String movement,
                                     @RequestParam(required = false) Long stageId, Filter filter,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        return history.movedDeals(filter.toReportFilter(), from, to,
                parse(PipelineMovement.Movement.class, "movement", movement), stageId, PageRequest.of(page, size));
    }

    @GetMapping("/movement/flags")
    @Operation(summary = "The deals open at the end of to with a flag: close date pushed, amount cut, stage moved "
            + "back (between the dates), stalled, no follow-up for quietDays (default 14), large new deal; with how "
            + "many carry each flag; flag narrows the list to one")
    PipelineHistoryService.FlagReport flags(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Integer quietDays, @RequestParam(required = false) String flag,
            Filter filter, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return history.flags(filter.toReportFilter(), from, to, quietDays,
                flag == null || flag.isBlank() ? null : parse(FlaggedDeal.Flag.class, "flag", flag),
                PageRequest.of(page, size));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.of(field, "validation.one-of",
                        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }

    /** The selection of the pipeline's past: the reports' filters, the period being of expected close dates. */
    record Filter(Long pipelineId, Long teamId, Long ownerId, Long productId, String source, String currency,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo) {

        ReportFilter toReportFilter() {
            if (closeFrom != null && closeTo != null && closeFrom.isAfter(closeTo)) {
                throw InvalidInputException.of("closeTo", "validation.report.period");
            }
            return new ReportFilter(closeFrom, closeTo, pipelineId, teamId, ownerId, productId, blankToNull(source),
                    blankToNull(currency));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
