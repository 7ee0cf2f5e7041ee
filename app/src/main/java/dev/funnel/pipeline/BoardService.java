package dev.funnel.pipeline;

import dev.funnel.currency.CurrencyService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.VisibleScope;
import dev.funnel.pipeline.internal.BoardRepository;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.platform.Checks;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline board: column heads from one aggregate query, and cards a page at a time per column, over the
 * open deals the caller may see. Moving a card is {@link OpportunityService#moveToStage}, gate and all.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER, Role.Names.SALES_REP})
public class BoardService {

    private final BoardRepository board;
    private final PipelineRepository pipelines;
    private final UserService users;
    private final CurrencyService currencies;
    private final Clock clock;

    BoardService(BoardRepository board, PipelineRepository pipelines, UserService users, CurrencyService currencies,
                 Clock clock) {
        this.board = board;
        this.currencies = currencies;
        this.pipelines = pipelines;
        this.users = users;
        this.clock = clock;
    }

    /** One head per stage, in order, with zeroes for empty stages. */
    public List<BoardColumn> columns(BoardFilter filter) {
        Pipeline pipeline = pipeline(filter);
        Map<Long, BoardRepository.Totals> totals = board.totals(users.visibleScope(), filter, teamOwners(filter));
        BoardRepository.Totals none = new BoardRepository.Totals(0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
        String currency = currencies.companyCurrency();
        return pipeline.stages().stream().map(stage -> {
            BoardRepository.Totals t = totals.getOrDefault(stage.id(), none);
            return new BoardColumn(stage, t.count(), t.amount(), t.weighted(), currency, t.unconverted());
        }).toList();
    }

    /** A page of one column's cards, the longest-waiting deals first. */
    public List<BoardCard> cards(BoardFilter filter, long stageId, PageRequest page) {
        Pipeline pipeline = pipeline(filter);
        Stage stage = pipeline.stages().stream().filter(s -> s.id() == stageId).findFirst()
                .orElseThrow(() -> dev.funnel.platform.InvalidInputException.of("stageId",
                        "validation.stage.other-pipeline"));
        VisibleScope scope = users.visibleScope();
        return board.cards(scope, filter, teamOwners(filter), stage.id(), (int) page.offset(), page.limit(),
                OffsetDateTime.now(clock), stage.stalledAfterDays());
    }

    private Pipeline pipeline(BoardFilter filter) {
        Checks.start().rule(filter.grade() == null || OpportunityDraft.GRADES.contains(filter.grade()), "grade",
                "validation.grade").orThrow();
        return pipelines.findById(filter.pipelineId())
                .orElseThrow(() -> new NotFoundException("pipeline", filter.pipelineId()));
    }

    private Set<Long> teamOwners(BoardFilter filter) {
        return filter.teamId() == null ? null : users.teamTreeMembers(filter.teamId());
    }
}
