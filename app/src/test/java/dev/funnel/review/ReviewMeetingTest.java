package dev.funnel.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.funnel.customer.Customer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityCloseService;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.FrozenException;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import dev.funnel.review.ReviewAgenda.DecisionLine;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Weekly review meetings of the east team. Week 1 (Monday d0 to Sunday d6): the east rep creates A (100) and B
 * (200) on d0 and C (300) on d1, and wins A on d3. On Monday d7 the east manager reviews week 1, notes B, decides
 * two things (one about C) and closes the review. Afterwards B is lost and C raised to 900 on d8; the rep does the
 * decision about C on d9. On Monday d14 the manager reviews week 2.
 */
class ReviewMeetingTest extends IntegrationTest {

    @Autowired
    ReviewService reviews;
    @Autowired
    TaskService tasks;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    OpportunityCloseService closing;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    MockMvc http;

    Org company;
    Pipeline pipeline;
    LocalDate d0;
    Map<String, Opportunity> deals = new HashMap<>();

    @BeforeEach
    void weekOne() {
        company = data.organisation();
        pipeline = data.pipeline();
        d0 = LocalDate.now(clock).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Customer customer = data.customerOf(company.eastRep());
        signIn(company.eastRep().username());
        at(0, 10);
        create("A", customer, "100");
        create("B", customer, "200");
        at(1, 10);
        create("C", customer, "300");
        at(3, 10);
        deals.put("A", closing.win(id("A"), version("A"), new BigDecimal("100"), d0.plusDays(3)));
        at(7, 9);
    }

    @Test
    void a_closed_reviews_figures_stay_as_they_were_when_it_closed() {
        signIn(company.eastManager().username());
        Review review = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0.plusDays(2),
                pipeline.id()));
        assertThat(review.periodStart()).isEqualTo(d0);
        assertThat(review.periodEnd()).isEqualTo(d0.plusDays(6));
        ReviewAgenda agenda = review.agenda();
        assertThat(agenda.asOf()).isEqualTo(d0.plusDays(6));
        assertThat(agenda.current().openDeals()).isEqualTo(2);
        assertThat(agenda.current().openAmount()).isEqualByComparingTo("500");
        assertThat(agenda.current().won()).isEqualTo(1);
        assertThat(agenda.current().wonAmount()).isEqualByComparingTo("100");
        assertThat(agenda.previousPeriod().openDeals()).isZero();
        // no review before: the movement covers the week; A came and went within it
        assertThat(agenda.movementFrom()).isEqualTo(d0.minusDays(1));
        assertThat(agenda.movement().endAmount()).isEqualByComparingTo("500");
        assertThat(agenda.movement().createdAndClosed()).isEqualTo(1);
        assertThat(agenda.reps()).extracting(ReviewAgenda.RepLine::name).contains(company.eastRep().fullName());
        assertThat(agenda.reps()).filteredOn(r -> r.userId() == company.eastRep().id()).singleElement()
                .satisfies(r -> assertThat(r.wonInPeriod()).isEqualTo(1));

        reviews.addNote(review.id(), new NoteDraft(id("B"), "Budget", "Waiting for the budget meeting"));
        reviews.decide(review.id(), new DecisionDraft("Call the CFO of C", company.eastRep().id(), d0.plusDays(10),
                id("C")));
        Review closed = reviews.close(review.id(), reviews.get(review.id()).version());
        assertThat(closed.closed()).isTrue();
        assertThat(closed.closedByName()).isEqualTo(company.eastManager().fullName());

        signIn(company.eastRep().username());
        at(8, 10);
        closing.lose(id("B"), version("B"), "price", null);
        Opportunity c = opportunities.get(id("C"));
        editing.update(c.id(), c.version(), OpportunityDraft.of(c).withAmount(new BigDecimal("900")));

        signIn(company.eastManager().username());
        Review later = reviews.get(review.id());
        assertThat(later.agenda()).isEqualTo(closed.agenda());
        assertThat(later.agenda().current().openAmount()).isEqualByComparingTo("500");
        assertThat(later.agenda().current().lost()).isZero();
    }

    @Test
    void decisions_become_the_owners_tasks_and_show_as_done_at_the_next_review() {
        signIn(company.eastManager().username());
        Review first = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0, pipeline.id()));
        ReviewDecision aboutC = reviews.decide(first.id(), new DecisionDraft("Call the CFO of C",
                company.eastRep().id(), d0.plusDays(10), id("C")));
        reviews.decide(first.id(), new DecisionDraft("Refresh the price list", company.eastRep().id(),
                d0.plusDays(12), null));
        reviews.close(first.id(), reviews.get(first.id()).version());

        signIn(company.eastRep().username());
        assertThat(tasks.mine(Task.Status.OPEN)).extracting(t -> t.title(java.util.Locale.ENGLISH),
                        Task::opportunityId, Task::dueDate)
                .contains(org.assertj.core.groups.Tuple.tuple("Call the CFO of C", id("C"), d0.plusDays(10)),
                        org.assertj.core.groups.Tuple.tuple("Refresh the price list", null, d0.plusDays(12)));
        at(8, 10);
        Opportunity c = opportunities.get(id("C"));
        editing.update(c.id(), c.version(), OpportunityDraft.of(c).withAmount(new BigDecimal("900")));
        at(9, 15);
        Task call = tasks.get(aboutC.taskId());
        tasks.complete(call.id(), call.version(), "Budget confirmed");

        signIn(company.eastManager().username());
        at(14, 9);
        Review second = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0.plusDays(7),
                pipeline.id()));
        ReviewAgenda agenda = second.agenda();
        assertThat(agenda.previousReviewId()).isEqualTo(first.id());
        assertThat(agenda.previousReviewAsOf()).isEqualTo(d0.plusDays(6));
        assertThat(agenda.movementFrom()).isEqualTo(d0.plusDays(6));
        assertThat(agenda.previousDecisions()).extracting(DecisionLine::text, DecisionLine::taskStatus,
                        DecisionLine::doneOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Call the CFO of C", "DONE", d0.plusDays(9)),
                        org.assertj.core.groups.Tuple.tuple("Refresh the price list", "OPEN", null));
        // the figures then, as the first review froze them, against now
        assertThat(agenda.previousFigures().openAmount()).isEqualByComparingTo("500");
        assertThat(agenda.current().openAmount()).isEqualByComparingTo("1100");
        assertThat(agenda.movement().bars()).anySatisfy(bar -> {
            assertThat(bar.movement()).isEqualTo("AMOUNT_UP");
            assertThat(bar.amount()).isEqualByComparingTo("600");
        });
    }

    @Test
    void an_open_review_reads_the_figures_prepared_at_its_start_until_refreshed_and_the_last_decisions_as_they_are()
            throws Exception {
        signIn(company.eastManager().username());
        Review first = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0, pipeline.id()));
        ReviewDecision priceList = reviews.decide(first.id(), new DecisionDraft("Refresh the price list",
                company.eastRep().id(), d0.plusDays(12), null));
        reviews.close(first.id(), reviews.get(first.id()).version());
        Review second = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0.plusDays(7),
                pipeline.id()));
        assertThat(second.agenda().current().openAmount()).isEqualByComparingTo("500");
        assertThat(second.agenda().previousDecisions()).extracting(DecisionLine::taskStatus).containsExactly("OPEN");

        signIn(company.eastRep().username());
        at(7, 11);
        Opportunity c = opportunities.get(id("C"));
        editing.update(c.id(), c.version(), OpportunityDraft.of(c).withAmount(new BigDecimal("900")));
        Task task = tasks.get(priceList.taskId());
        tasks.complete(task.id(), task.version(), null);

        signIn(company.eastManager().username());
        Review reopened = reviews.get(second.id());
        assertThat(reopened.agenda().current().openAmount()).isEqualByComparingTo("500");
        assertThat(reopened.agenda().computedAt()).isEqualTo(second.agenda().computedAt());
        assertThat(reopened.agenda().previousDecisions()).extracting(DecisionLine::taskStatus)
                .containsExactly("DONE");

        http.perform(post("/api/v1/reviews/" + second.id() + "/refresh").with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.agenda.current.openAmount", is(1100.0)))
                .andExpect(jsonPath("$.version", is(reopened.version())));
        signIn(company.eastManager().username());
        assertThat(reviews.get(second.id()).agenda().current().openAmount()).isEqualByComparingTo("1100");
        reviews.close(second.id(), reopened.version());
        assertThatThrownBy(() -> reviews.refresh(second.id())).isInstanceOf(FrozenException.class);
    }

    @Test
    void a_closed_review_takes_no_more_notes_or_decisions_and_says_so_over_rest() throws Exception {
        signIn(company.eastManager().username());
        Review review = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK, d0, pipeline.id()));
        reviews.close(review.id(), reviews.get(review.id()).version());

        assertThatThrownBy(() -> reviews.addNote(review.id(), new NoteDraft(null, null, "Too late")))
                .isInstanceOf(FrozenException.class);
        assertThatThrownBy(() -> reviews.close(review.id(), review.version())).isInstanceOf(FrozenException.class);
        http.perform(post("/api/v1/reviews/" + review.id() + "/decisions").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Too late\",\"ownerId\":" + company.eastRep().id() + ",\"dueDate\":\""
                                + d0.plusDays(10) + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code", is("frozen")))
                .andExpect(jsonPath("$.message", containsString("closed")));
        signIn(company.eastRep().username());
        assertThat(tasks.mine(Task.Status.OPEN)).noneMatch(t -> t.title(java.util.Locale.ENGLISH).equals("Too late"));
    }

    @Test
    void reviews_over_rest_start_list_read_decide_and_close() throws Exception {
        String body = http.perform(post("/api/v1/reviews").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"teamId\":" + company.east().id() + ",\"period\":\"WEEK\",\"day\":\"" + d0
                                + "\",\"pipelineId\":" + pipeline.id() + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.periodStart", is(d0.toString())))
                .andExpect(jsonPath("$.status", is("OPEN")))
                .andExpect(jsonPath("$.agenda.current.openDeals", is(2)))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+),.*$", "$1").trim());
        http.perform(post("/api/v1/reviews/" + id + "/decisions").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Call the CFO\",\"ownerId\":" + company.eastRep().id()
                                + ",\"dueDate\":\"" + d0.plusDays(10) + "\",\"opportunityId\":" + id("C") + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.taskStatus", is("OPEN")))
                .andExpect(jsonPath("$.opportunityName", is("C")));
        http.perform(post("/api/v1/reviews/" + id + "/notes").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"topic\":\"Pricing\",\"body\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fieldErrors[0].field", is("body")));
        http.perform(get("/api/v1/reviews").with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.items[0].decisions", is(1)));
        http.perform(get("/api/v1/reviews?page=1&size=1").with(as(company.eastManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.total", is(1)))
                .andExpect(jsonPath("$.page", is(1)));
        http.perform(get("/api/v1/reviews").with(as(company.westManager())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.total", is(0)));
        http.perform(get("/api/v1/reviews/" + id).with(as(company.westManager())))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/reviews").with(as(company.eastRep())))
                .andExpect(status().isForbidden());
        http.perform(post("/api/v1/reviews/" + id + "/close").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code", is("stale_version")));
        http.perform(post("/api/v1/reviews/" + id + "/close").with(as(company.eastManager()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status", is("CLOSED")))
                .andExpect(jsonPath("$.decisions[0].text", is("Call the CFO")));
    }

    @Test
    void bad_starts_and_decisions_are_refused_by_name_and_other_teams_stay_hidden() {
        signIn(company.eastManager().username());
        assertThatThrownBy(() -> reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK,
                d0.plusWeeks(2), pipeline.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + ":" + p.messageKey()).containsExactly("day:validation.review.future"));
        assertThatThrownBy(() -> reviews.start(new NewReview(company.west().id(), ReviewPeriod.WEEK, d0,
                pipeline.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("teamId"));
        Review review = reviews.start(new NewReview(company.east().id(), ReviewPeriod.MONTH, d0, pipeline.id()));
        assertThat(review.periodStart()).isEqualTo(d0.withDayOfMonth(1));
        assertThatThrownBy(() -> reviews.start(new NewReview(company.east().id(), ReviewPeriod.MONTH, d0,
                pipeline.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.messageKey()).containsExactly("validation.review.exists"));
        assertThatThrownBy(() -> reviews.decide(review.id(), new DecisionDraft("Too late", company.eastRep().id(),
                d0, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("dueDate"));
        assertThatThrownBy(() -> reviews.decide(review.id(), new DecisionDraft("Not theirs", company.westRep().id(),
                d0.plusDays(10), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("assigneeId"));
        assertThat(reviews.get(review.id()).decisions()).isEmpty();

        signIn(company.westManager().username());
        assertThatThrownBy(() -> reviews.get(review.id())).isInstanceOf(NotFoundException.class);
        // a manager who is a member of the east team but does not lead it sees only their own deals: no review
        dev.funnel.identity.UserSummary member = data.user(dev.funnel.identity.Role.SALES_MANAGER,
                company.east().id());
        signIn(member.username());
        assertThat(reviews.teams()).isEmpty();
        assertThatThrownBy(() -> reviews.get(review.id())).isInstanceOf(NotFoundException.class);
        // the director leads the division: every team below it
        signIn(company.director().username());
        assertThat(reviews.teams()).extracting(t -> t.id())
                .contains(company.division().id(), company.east().id(), company.west().id());
        assertThat(reviews.get(review.id()).teamId()).isEqualTo(company.east().id());
        signIn(company.eastRep().username());
        assertThatThrownBy(() -> reviews.list()).isInstanceOf(AccessDeniedException.class);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(
            dev.funnel.identity.UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private void at(int day, int hour) {
        var when = d0.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(clock.getZone()).toInstant();
        clock.advance(Duration.between(clock.instant(), when));
    }

    private void create(String name, Customer customer, String amount) {
        deals.put(name, editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal(amount), "CNY", d0.plusDays(30), null, null, null)));
    }

    private long id(String name) {
        return deals.get(name).id();
    }

    private int version(String name) {
        return opportunities.get(id(name)).version();
    }
}
