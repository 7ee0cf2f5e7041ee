package dev.funnel.review.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import dev.funnel.customer.Customer;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.review.NewReview;
import dev.funnel.review.Review;
import dev.funnel.review.ReviewPeriod;
import dev.funnel.review.ReviewService;
import dev.funnel.review.ReviewSummary;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review pages as the east manager uses them: a week with two open deals of the east rep, one of them silent
 * for three weeks (flagged). The meeting takes a note and a decision on the flagged deal, and closing freezes it.
 */
class ReviewViewTest extends KaribuTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    OpportunityEditService editing;
    @Autowired
    ReviewService reviews;
    @Autowired
    TaskService tasks;

    Org company;
    Pipeline pipeline;
    Opportunity quiet;

    @BeforeEach
    void twoOpenDeals() {
        company = data.organisation();
        pipeline = data.pipeline();
        Customer customer = data.customerOf(company.eastRep());
        quiet = data.as(company.eastRep().username(), () -> {
            Opportunity first = create("Quiet deal", customer, "80000");
            create("Busy deal", customer, "20000");
            return first;
        });
        clock.advance(Duration.ofDays(21));
    }

    @Test
    void the_meeting_shows_the_agenda_takes_a_note_and_a_decision_and_closes() throws Exception {
        login(company.eastManager().username());
        Review review = reviews.start(new NewReview(company.east().id(), ReviewPeriod.WEEK,
                LocalDate.now(clock).minusWeeks(1), pipeline.id()));
        UI.getCurrent().navigate("reviews/" + review.id());
        ReviewView view = _get(ReviewView.class);

        JsonNode option = JSON.readTree(view.agenda.waterfall.getOption());
        assertThat(option.get("xAxis").get("data").get(0).asText()).startsWith("Open");
        assertThat(GridKt._size(view.agenda.flagged)).isGreaterThanOrEqualTo(1);
        assertThat(GridKt._get(view.agenda.flagged, 0).name()).isEqualTo("Quiet deal");
        assertThat(GridKt._getFormattedRow(view.agenda.flagged, 0)).anySatisfy(cell ->
                assertThat(cell).contains("Never followed up"));
        assertThat(view.agenda.reps.getGenericDataView().getItems().map(r -> r.name()))
                .contains(company.eastRep().fullName());

        view.noteDeal.setValue(view.noteDeal.getListDataView().getItems().filter(d -> d.id() == quiet.id())
                .findFirst().orElseThrow());
        view.noteBody.setValue("Customer is reorganising");
        _click(view.addNote);
        assertThat(_get(ReviewView.class).review.notes()).singleElement()
                .satisfies(n -> assertThat(n.opportunityName()).isEqualTo("Quiet deal"));

        view.decisionText.setValue("Visit the new purchasing head");
        view.decisionOwner.setValue(view.decisionOwner.getListDataView().getItems()
                .filter(u -> u.id() == company.eastRep().id()).findFirst().orElseThrow());
        view.decisionDeal.setValue(view.decisionDeal.getListDataView().getItems().filter(d -> d.id() == quiet.id())
                .findFirst().orElseThrow());
        _click(view.addDecision);
        assertThat(GridKt._size(view.decisions)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(view.decisions, 0)).contains("Visit the new purchasing head",
                company.eastRep().fullName(), "Open");

        _click(view.close);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(view.review.closed()).isTrue();
        assertThat(view.close.isVisible()).isFalse();
        assertThat(_find(Span.class)).anySatisfy(s -> assertThat(s.getText()).startsWith("Closed by"));

        Task task = data.as(company.eastRep().username(), () -> tasks.mine(Task.Status.OPEN)).stream()
                .filter(t -> t.title(Locale.ENGLISH).equals("Visit the new purchasing head")).findFirst().orElseThrow();
        assertThat(task.opportunityId()).isEqualTo(quiet.id());
    }

    @Test
    void the_list_starts_a_review_in_chinese_and_the_print_view_shows_it() {
        login(company.eastManager().username());
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate("reviews");
        ReviewsView list = _get(ReviewsView.class);
        assertThat(list.team.getValue().id()).isEqualTo(company.east().id());
        assertThat(list.start.getText()).isEqualTo("发起复盘");
        _click(list.start);
        ReviewView meeting = _get(ReviewView.class);
        assertThat(meeting.review.teamId()).isEqualTo(company.east().id());
        assertThat(meeting.review.period()).isEqualTo(ReviewPeriod.WEEK);
        assertThat(meeting.close.getText()).isEqualTo("关闭复盘");

        UI.getCurrent().navigate("reviews/" + meeting.review.id() + "/print");
        ReviewPrintView print = _get(ReviewPrintView.class);
        assertThat(print.review.id()).isEqualTo(meeting.review.id());
        assertThat(_find(com.vaadin.flow.component.html.H3.class)).extracting(h -> h.getText())
                .contains("会议纪要", "决议");

        UI.getCurrent().navigate("reviews");
        ReviewsView again = _get(ReviewsView.class);
        assertThat(again.grid.getGenericDataView().getItems().map(ReviewSummary::id))
                .contains(meeting.review.id());
    }

    private Opportunity create(String name, Customer customer, String amount) {
        return editing.create(new OpportunityDraft(name, customer.id(), null, null, pipeline.id(), null,
                new BigDecimal(amount), "CNY", null, null, null, null, null, null, null));
    }
}
