package dev.funnel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rest of the domain over REST: tasks, targets, users and teams, and the deals' own sync (the deals changed
 * since, and the stage ledger written since) — each with the visibility the UI has and the checks a user meets.
 */
class WorkAndPeopleApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    private MockHttpServletResponse call(HttpMethod method, String path, UserSummary user, String body)
            throws Exception {
        var request = request(method, path).with(httpBasic(user.username(), TestData.PASSWORD));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return http.perform(request).andReturn().getResponse();
    }

    private String ok(HttpMethod method, String path, UserSummary user, String body, int status) throws Exception {
        MockHttpServletResponse response = call(method, path, user, body);
        assertThat(response.getStatus()).as(method + " " + path + ": " + response.getContentAsString())
                .isEqualTo(status);
        return response.getContentAsString();
    }

    private List<String> refusedFields(HttpMethod method, String path, UserSummary user, String body)
            throws Exception {
        return JsonPath.read(ok(method, path, user, body, 400), "$.fieldErrors[*].field");
    }

    private static long id(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    private static int version(String json) {
        return JsonPath.read(json, "$.version");
    }

    private static List<Long> ids(String page, String path) {
        List<Long> ids = new ArrayList<>();
        for (Object id : JsonPath.<List<Object>>read(page, path)) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }

    private static List<Long> ids(String page) {
        return ids(page, "$.items[*].id");
    }

    @Test
    void a_task_is_given_reassigned_re_dated_and_completed_and_only_the_team_sees_it() throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        UserSummary manager = company.eastManager();
        Opportunity deal = data.opportunityOf(rep, data.pipeline());
        LocalDate today = LocalDate.now(clock);

        assertThat(refusedFields(HttpMethod.POST, "/api/v1/tasks", manager, """
                {"title":"","assigneeId":%d,"dueDate":"%s","opportunityId":%d}"""
                .formatted(company.westRep().id(), today.minusDays(1), deal.id())))
                .containsExactlyInAnyOrder("title", "dueDate", "assigneeId");
        String given = ok(HttpMethod.POST, "/api/v1/tasks", manager, """
                {"title":"约客户CTO做技术交流","assigneeId":%d,"dueDate":"%s","opportunityId":%d}"""
                .formatted(rep.id(), today.plusDays(3), deal.id()), 201);
        long task = id(given);
        String before = ok(HttpMethod.GET, "/api/v1/tasks?assignee=all&size=500", rep, null, 200);
        List<Long> ours = ids(before);
        assertThat(ours).contains(task);
        String since = Instant.now().toString();

        assertThat(refusedFields(HttpMethod.POST, "/api/v1/tasks/" + task + "/reschedule", manager, """
                {"dueDate":"%s","version":%d}""".formatted(today.minusDays(2), version(given))))
                .containsExactly("dueDate");
        String redated = ok(HttpMethod.POST, "/api/v1/tasks/" + task + "/reschedule", manager, """
                {"dueDate":"%s","assigneeId":%d,"version":%d}""".formatted(today.plusDays(5), manager.id(),
                version(given)), 200);
        assertThat(JsonPath.<String>read(redated, "$.dueDate")).isEqualTo(today.plusDays(5).toString());
        assertThat(((Number) JsonPath.read(redated, "$.assigneeId")).longValue()).isEqualTo(manager.id());
        // a second writer with the version read before is told, not silently overwritten
        assertThat(call(HttpMethod.POST, "/api/v1/tasks/" + task + "/reschedule", rep, """
                {"dueDate":"%s","version":%d}""".formatted(today.plusDays(9), version(given))).getStatus())
                .isEqualTo(409);

        // the deal's owner still sees it (it is about their deal) and a sync finds exactly it among theirs
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/tasks?assignee=all&size=500&updatedSince=" + since, rep, null,
                200))).filteredOn(ours::contains).containsExactly(task);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/tasks?assignee=" + manager.id() + "&size=500", manager, null,
                200))).contains(task);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/tasks?size=500", rep, null, 200))).doesNotContain(task);

        String done = ok(HttpMethod.POST, "/api/v1/tasks/" + task + "/done", manager, """
                {"note":"已交流，客户认可架构","version":%d}""".formatted(version(redated)), 200);
        assertThat(JsonPath.<String>read(done, "$.status")).isEqualTo("DONE");
        assertThat(ok(HttpMethod.GET, "/api/v1/tasks?assignee=all&status=done&size=500", rep, null, 200))
                .contains("已交流，客户认可架构");

        UserSummary west = company.westRep();
        assertThat(call(HttpMethod.GET, "/api/v1/tasks/" + task, west, null).getStatus()).isEqualTo(404);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/tasks?assignee=all&size=500", west, null, 200)))
                .doesNotContain(task);
        assertThat(refusedFields(HttpMethod.POST, "/api/v1/tasks", west, """
                {"title":"偷看","assigneeId":%d,"dueDate":"%s","opportunityId":%d}"""
                .formatted(west.id(), today, deal.id()))).containsExactly("opportunityId");
        assertThat(refusedFields(HttpMethod.GET, "/api/v1/tasks?assignee=someone", rep, null))
                .containsExactly("assignee");
    }

    @Test
    void targets_are_set_by_administrators_and_read_by_whoever_sees_their_people() throws Exception {
        var company = data.organisation();
        UserSummary admin = data.user(Role.ADMIN, null);
        LocalDate month = LocalDate.now(clock).withDayOfMonth(1);
        String body = """
                {"kind":"MONTH","periodStart":"%s","ownerId":%d,"amount":"%s","currency":"CNY"%s}""";

        assertThat(call(HttpMethod.PUT, "/api/v1/targets", company.eastRep(),
                body.formatted(month, company.eastRep().id(), "1.00", "")).getStatus()).isEqualTo(403);
        assertThat(refusedFields(HttpMethod.PUT, "/api/v1/targets", admin,
                body.formatted(month.plusDays(1), company.eastRep().id(), "-5", "")))
                .containsExactlyInAnyOrder("periodStart", "amount");
        String set = ok(HttpMethod.PUT, "/api/v1/targets", admin,
                body.formatted(month, company.eastRep().id(), "500000.00", ""), 200);
        long target = id(set);

        String period = "?kind=MONTH&period=" + LocalDate.now(clock);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/targets" + period, company.eastRep(), null, 200), "$[*].id"))
                .contains(target);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/targets" + period, company.eastManager(), null, 200),
                "$[*].id")).contains(target);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/targets" + period, company.westRep(), null, 200), "$[*].id"))
                .doesNotContain(target);
        String progress = ok(HttpMethod.GET, "/api/v1/targets/progress" + period, company.eastManager(), null, 200);
        assertThat(ids(progress, "$[*].target.id")).contains(target);

        // setting it again is an update, which needs the version read
        assertThat(call(HttpMethod.PUT, "/api/v1/targets", admin,
                body.formatted(month, company.eastRep().id(), "600000.00", "")).getStatus()).isEqualTo(409);
        String raised = ok(HttpMethod.PUT, "/api/v1/targets", admin, body.formatted(month, company.eastRep().id(),
                "600000.00", ",\"version\":" + version(set)), 200);
        assertThat(id(raised)).isEqualTo(target);
        assertThat(JsonPath.<Object>read(raised, "$.amount").toString()).isEqualTo("600000.0");

        assertThat(call(HttpMethod.DELETE, "/api/v1/targets/" + target + "?version=" + version(set), admin, null)
                .getStatus()).isEqualTo(409);
        ok(HttpMethod.DELETE, "/api/v1/targets/" + target + "?version=" + version(raised), admin, null, 204);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/targets" + period, admin, null, 200), "$[*].id"))
                .doesNotContain(target);
    }

    @Test
    void administrators_keep_users_and_teams_in_sync_and_nobody_else_changes_them() throws Exception {
        UserSummary admin = data.user(Role.ADMIN, null);
        UserSummary rep = data.organisation().eastRep();
        String region = TestData.unique("华南大区");
        String parent = ok(HttpMethod.POST, "/api/v1/teams", admin, "{\"name\":\"" + region + "\"}", 201);
        String child = ok(HttpMethod.POST, "/api/v1/teams", admin,
                "{\"name\":\"%s 深圳组\",\"parentId\":%d}".formatted(region, id(parent)), 201);
        assertThat(call(HttpMethod.POST, "/api/v1/teams", rep, "{\"name\":\"" + region + " 2\"}").getStatus())
                .isEqualTo(403);
        // a team under its own sub-team would make a loop of managers
        assertThat(refusedFields(HttpMethod.PUT, "/api/v1/teams/" + id(parent), admin,
                "{\"name\":\"%s\",\"parentId\":%d,\"version\":%d}".formatted(region, id(child), version(parent))))
                .containsExactly("parentId");

        String username = TestData.unique("sz.rep").toLowerCase(java.util.Locale.ROOT);
        assertThat(refusedFields(HttpMethod.POST, "/api/v1/users", admin, """
                {"username":"%s","fullName":"","password":"short","roles":[]}""".formatted(username)))
                .containsExactlyInAnyOrder("fullName", "password", "roles");
        String user = ok(HttpMethod.POST, "/api/v1/users", admin, """
                {"username":"%s","fullName":"陈晓东","email":"chen@example.com","password":"Funnel-2026!",
                 "teamId":%d,"roles":["SALES_REP"]}""".formatted(username, id(child)), 201);
        assertThat(call(HttpMethod.GET, "/api/v1/users", rep, null).getStatus()).isEqualTo(403);
        assertThat(call(HttpMethod.PUT, "/api/v1/users/" + id(user), rep, "{\"fullName\":\"x\",\"version\":0}")
                .getStatus()).isEqualTo(403);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/teams?size=500", rep, null, 200))).contains(id(child));
        String since = Instant.now().toString();

        // a partial update leaves enabled as it is; disabling is explicit
        String renamed = ok(HttpMethod.PUT, "/api/v1/users/" + id(user), admin, """
                {"fullName":"陈晓东（深圳）","email":"chen@example.com","teamId":%d,"version":%d}"""
                .formatted(id(child), version(user)), 200);
        assertThat(JsonPath.<Boolean>read(renamed, "$.enabled")).isTrue();
        assertThat(JsonPath.<List<String>>read(renamed, "$.roles")).containsExactly("SALES_REP");
        String disabled = ok(HttpMethod.PUT, "/api/v1/users/" + id(user), admin, """
                {"fullName":"陈晓东（深圳）","teamId":%d,"enabled":false,"version":%d}"""
                .formatted(id(child), version(renamed)), 200);
        assertThat(JsonPath.<Boolean>read(disabled, "$.enabled")).isFalse();
        assertThat(call(HttpMethod.PUT, "/api/v1/users/" + id(user), admin, """
                {"fullName":"Stale","version":%d}""".formatted(version(user))).getStatus()).isEqualTo(409);
        String moved = ok(HttpMethod.PUT, "/api/v1/teams/" + id(child), admin,
                "{\"name\":\"%s 深圳一组\",\"managerId\":%d,\"version\":%d}".formatted(region, admin.id(),
                        version(child)), 200);
        assertThat(JsonPath.<Object>read(moved, "$.parentId")).isNull();

        String users = ok(HttpMethod.GET, "/api/v1/users?size=500&updatedSince=" + since, admin, null, 200);
        assertThat(ids(users)).contains(id(user)).doesNotContain(rep.id());
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/teams?size=500&updatedSince=" + since, admin, null, 200)))
                .contains(id(child)).doesNotContain(id(parent));
    }

    @Test
    void a_sync_of_deals_and_their_stage_ledger_returns_exactly_what_changed_and_only_what_the_caller_sees()
            throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity moved = data.opportunityOf(rep, pipeline);
        Opportunity still = data.opportunityOf(rep, pipeline);
        List<Long> ours = List.of(moved.id(), still.id());
        String since = Instant.now().toString();

        ok(HttpMethod.POST, "/api/v1/opportunities/" + moved.id() + "/stage", rep, """
                {"stageId":%d,"version":%d}""".formatted(pipeline.stages().get(1).id(), moved.version()), 200);

        assertThat(ids(ok(HttpMethod.GET, "/api/v1/opportunities?size=500&updatedSince=" + since, rep, null, 200)))
                .filteredOn(ours::contains).containsExactly(moved.id());
        String ledger = ok(HttpMethod.GET, "/api/v1/opportunities/stage-history?size=500&updatedSince=" + since, rep,
                null, 200);
        assertThat(ids(ledger, "$.items[*].opportunityId")).filteredOn(ours::contains).containsExactly(moved.id());
        assertThat(JsonPath.<List<String>>read(ledger, "$.items[?(@.opportunityId == " + moved.id() + ")].event"))
                .containsExactly("MOVED");
        // a whole walk by afterId, in id order, holds both deals' creation; another team's rep sees neither
        String all = ok(HttpMethod.GET, "/api/v1/opportunities/stage-history?size=500&afterId=0", rep, null, 200);
        List<Long> lineIds = ids(all);
        assertThat(lineIds).isSorted();
        assertThat(ids(all, "$.items[*].opportunityId")).contains(moved.id(), still.id());
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/opportunities/stage-history?size=500&updatedSince=" + since,
                company.westRep(), null, 200), "$.items[*].opportunityId")).doesNotContainAnyElementsOf(ours);
    }
}
