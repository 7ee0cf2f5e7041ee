package dev.funnel.home.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.ui.OpportunitiesView;
import dev.funnel.testsupport.KaribuTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The home page counts a rep's stalled deals and links to exactly those; a manager also sees the team. */
class HomeViewTest extends KaribuTest {

    @Autowired
    OpportunityService opportunities;

    @Test
    void a_rep_follows_the_stalled_figure_to_the_list_of_those_deals() {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity stalled = data.opportunityOf(rep, pipeline);
        clock.advance(Duration.ofDays(40));
        Opportunity fresh = data.opportunityOf(rep, pipeline);

        login(rep.username());
        UI.getCurrent().navigate("");
        HomeView home = _get(HomeView.class);
        Anchor tile = _find(home.mine, Anchor.class).stream()
                .filter(a -> a.getHref().startsWith("opportunities?stalled=true")).findFirst().orElseThrow();
        long expected = as(rep.username(), () -> opportunities.count(OpportunityFilter.stalled(rep.id())));
        assertThat(tile.getElement().getTextRecursively()).contains("Stalled deals").contains(String.valueOf(expected));
        assertThat(_find(home, Anchor.class)).noneMatch(a -> a.getHref().equals("registrations"));

        String[] link = tile.getHref().split("\\?", 2);
        UI.getCurrent().navigate(link[0], com.vaadin.flow.router.QueryParameters.fromString(link[1]));
        OpportunitiesView list = _get(OpportunitiesView.class);
        assertThat(_find(list, Button.class)).filteredOn(b -> "Stalled deals".equals(b.getText()))
                .singleElement().matches(Button::isVisible);
        List<Opportunity> shown = as(rep.username(), () -> opportunities.list(OpportunityFilter.stalled(rep.id()),
                dev.funnel.platform.PageRequest.of(0, 500)).items());
        assertThat(shown).extracting(Opportunity::id).contains(stalled.id()).doesNotContain(fresh.id());
    }

    @Test
    void a_manager_sees_the_team_with_stalled_deals_per_rep_and_the_registrations_waiting() {
        var company = data.organisation();
        Pipeline pipeline = data.pipeline();
        data.opportunityOf(company.eastRep(), pipeline);
        clock.advance(Duration.ofDays(40));

        login(company.eastManager().username());
        UI.getCurrent().navigate("");
        HomeView home = _get(HomeView.class);
        assertThat(_find(home.team, Anchor.class)).extracting(Anchor::getHref)
                .contains("reports", "forecast", "registrations",
                        "opportunities?stalled=true&owner=" + company.eastRep().id());
    }
}
