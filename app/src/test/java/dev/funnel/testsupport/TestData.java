package dev.funnel.testsupport;

import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.NewTeam;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.identity.internal.FunnelUserDetailsService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.NewStage.NewCriterion;
import dev.funnel.pipeline.NewStage.NewKeyActivity;
import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** Builds uniquely named data through the real services, signed in as the bootstrap administrator. */
@Component
public class TestData {

    public static final String PASSWORD = "secret-password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final UserService users;
    private final TeamService teams;
    private final CustomerService customers;
    private final PipelineService pipelines;
    private final OpportunityEditService editing;
    private final FunnelUserDetailsService userDetails;
    private final SecurityContextHolderStrategy securityContext;

    TestData(UserService users, TeamService teams, CustomerService customers, PipelineService pipelines,
             OpportunityEditService editing, FunnelUserDetailsService userDetails,
             SecurityContextHolderStrategy securityContext) {
        this.users = users;
        this.teams = teams;
        this.customers = customers;
        this.pipelines = pipelines;
        this.editing = editing;
        this.userDetails = userDetails;
        this.securityContext = securityContext;
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    /** A sales organisation: a division with two teams, each with a manager and a rep; the division's director. */
    public record Org(UserSummary director, UserSummary eastManager, UserSummary eastRep, UserSummary westManager,
                      UserSummary westRep, Team division, Team east, Team west) {
    }

    public Org organisation() {
        return asAdmin(() -> {
            UserSummary director = user(Role.SALES_MANAGER, null);
            Team division = teams.create(new NewTeam(unique("division"), null, director.id()));
            UserSummary eastManager = user(Role.SALES_MANAGER, null);
            Team east = teams.create(new NewTeam(unique("east"), division.id(), eastManager.id()));
            UserSummary westManager = user(Role.SALES_MANAGER, null);
            Team west = teams.create(new NewTeam(unique("west"), division.id(), westManager.id()));
            UserSummary eastRep = user(Role.SALES_REP, east.id());
            UserSummary westRep = user(Role.SALES_REP, west.id());
            return new Org(director, eastManager, eastRep, westManager, westRep, division, east, west);
        });
    }

    public UserSummary user(Role role, Long teamId) {
        return asAdmin(() -> users.create(new NewUser(unique("user"), "Test " + role, null, PASSWORD, teamId,
                Set.of(role))));
    }

    /** Everyone whose full name starts so, for tests that create people by import. */
    public List<UserSummary> usersNamed(String prefix) {
        return asAdmin(() -> users.list().stream().filter(u -> u.fullName().startsWith(prefix)).toList());
    }

    public java.util.Optional<Long> managerOf(long userId) {
        return asAdmin(() -> users.managerOf(userId));
    }

    /** A three-stage pipeline (10%, 50%, 90%); it becomes the default when none exists. */
    public Pipeline pipeline() {
        return asAdmin(() -> pipelines.create(new NewPipeline(unique("pipeline"), null, false, List.of(
                new NewStage("Qualify", "验证", 10), new NewStage("Propose", "方案", 50),
                new NewStage("Negotiate", "谈判", 90)))));
    }

    /**
     * A pipeline with a real process: Qualify (confirm the pain, an amount; a required discovery call and an
     * optional brochure), Propose (confirm the budget; a required demo by pre-sales, an optional manager review),
     * Negotiate (an expected close date).
     */
    public Pipeline gatedPipeline() {
        return asAdmin(() -> pipelines.create(new NewPipeline(unique("gated"), null, false, List.of(
                new NewStage("Qualify", "验证", 10, ForecastCategory.PIPELINE, 14,
                        List.of(new NewCriterion("The customer confirmed the pain", "客户已确认痛点", null),
                                new NewCriterion("The amount is known", "金额已确认", OpportunityField.AMOUNT)),
                        List.of(new NewKeyActivity("Discovery call", "需求调研电话", "Ask about the pain", "询问痛点", 2,
                                        AssigneeRole.OWNER, true),
                                new NewKeyActivity("Send the brochure", "发送产品资料", null, null, 5,
                                        AssigneeRole.OWNER, false))),
                new NewStage("Propose", "方案", 50, ForecastCategory.BEST_CASE, 21,
                        List.of(new NewCriterion("The budget range is confirmed", "预算范围已确认", null)),
                        List.of(new NewKeyActivity("Solution demo", "方案演示", null, null, 7, AssigneeRole.PRE_SALES,
                                        true),
                                new NewKeyActivity("Manager review", "经理评审", null, null, 3, AssigneeRole.MANAGER,
                                        false))),
                new NewStage("Negotiate", "谈判", 80, ForecastCategory.COMMIT, 14,
                        List.of(new NewCriterion("The close date is set", "预计成交日期已确定",
                                OpportunityField.EXPECTED_CLOSE_DATE)),
                        List.of())))));
    }

    public Customer customerOf(UserSummary owner) {
        return as(owner.username(), () -> customers.create(CustomerDraft.named(unique("customer"))));
    }

    public Opportunity opportunityOf(UserSummary owner, Pipeline pipeline) {
        Customer customer = customerOf(owner);
        return as(owner.username(), () -> editing.create(new OpportunityDraft(unique("deal"), customer.id(),
                null, null, pipeline.id(), null, new BigDecimal("125000.00"), "CNY", null, "website", null, null)));
    }

    public <T> T asAdmin(Supplier<T> action) {
        return as("admin", action);
    }

    public <T> T as(String username, Supplier<T> action) {
        var previous = securityContext.getContext().getAuthentication();
        signIn(username);
        try {
            return action.get();
        } finally {
            securityContext.getContext().setAuthentication(previous);
        }
    }

    /** Signs in on this thread through the application's own security context strategy. */
    public void signIn(String username) {
        var user = userDetails.loadUserByUsername(username);
        securityContext.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, user.getPassword(), user.getAuthorities()));
    }

    public void signOut() {
        securityContext.clearContext();
    }
}
