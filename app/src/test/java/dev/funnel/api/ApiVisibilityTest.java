package dev.funnel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerService;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * No endpoint of the API lets a rep reach another team's records: every endpoint is taken from the OpenAPI
 * description, so one added later is checked without anyone remembering to. A rep of the east team plants
 * records carrying a marker; a rep of the west team calls every GET (an id in the path is the east record's of that
 * kind) and every write on an east record. No answer may hold the marker, no write may succeed, and the east
 * records are unchanged afterwards.
 */
class ApiVisibilityTest extends IntegrationTest {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Autowired
    MockMvc http;

    @Autowired
    ObjectMapper json;

    @Autowired
    CustomerService customers;

    private MockHttpServletResponse call(HttpMethod method, String path, UserSummary user, String body)
            throws Exception {
        var request = request(method, path).with(httpBasic(user.username(), TestData.PASSWORD));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return http.perform(request).andReturn().getResponse();
    }

    private long created(String path, UserSummary user, String body) throws Exception {
        MockHttpServletResponse response = call(HttpMethod.POST, path, user, body);
        assertThat(response.getStatus()).as(path + ": " + response.getContentAsString()).isEqualTo(201);
        return ((Number) JsonPath.read(response.getContentAsString(), "$.id")).longValue();
    }

    @Test
    void no_endpoint_lets_a_rep_reach_another_teams_records() throws Exception {
        var company = data.organisation();
        UserSummary east = company.eastRep();
        UserSummary west = company.westRep();
        String marker = TestData.unique("EASTONLY");

        Customer customer = data.as(east.username(), () -> customers.create(CustomerDraft.named(marker + " 客户")));
        long contact = created("/api/v1/customers/" + customer.id() + "/contacts", east,
                "{\"name\":\"" + marker + " 联系人\"}");
        long followUp = created("/api/v1/follow-ups", east, """
                {"type":"CALL","content":"%s 跟进","customerId":%d}""".formatted(marker, customer.id()));
        long order = created("/api/v1/orders", east, """
                {"number":"%s","customerId":%d,"orderDate":"%s","amount":"100.00"}"""
                .formatted(marker, customer.id(), LocalDate.now(clock)));
        long ticket = created("/api/v1/service-requests", east, """
                {"customerId":%d,"subject":"%s 工单"}""".formatted(customer.id(), marker));
        long deal = created("/api/v1/opportunities", east, """
                {"name":"%s 商机","customerId":%d,"pipelineId":%d,"amount":"100000"}"""
                .formatted(marker, customer.id(), data.pipeline().id()));
        long task = created("/api/v1/tasks", east, """
                {"title":"%s 任务","assigneeId":%d,"dueDate":"%s","opportunityId":%d}"""
                .formatted(marker, east.id(), LocalDate.now(clock).plusDays(2), deal));
        List<String> eastRecords = List.of("/api/v1/tasks/" + task,"/api/v1/customers/" + customer.id(), "/api/v1/contacts/" + contact,
                "/api/v1/orders/" + order, "/api/v1/service-requests/" + ticket, "/api/v1/opportunities/" + deal);
        Map<String, Integer> versionsBefore = new LinkedHashMap<>();
        for (String path : eastRecords) {
            versionsBefore.put(path, JsonPath.read(call(HttpMethod.GET, path, east, null).getContentAsString(),
                    "$.version"));
        }
        Map<String, Long> eastIds = Map.of("customers", customer.id(), "contacts", contact, "follow-ups", followUp,
                "orders", order, "service-requests", ticket, "opportunities", deal, "tasks", task);

        JsonNode paths = json.readTree(http.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString()).path("paths");
        List<String> leaks = new ArrayList<>();
        List<String> checkedOnEastRecords = new ArrayList<>();
        Map<String, Integer> answered = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : paths.properties()) {
            String template = entry.getKey();
            for (Map.Entry<String, JsonNode> op : entry.getValue().properties()) {
                HttpMethod method = HttpMethod.valueOf(op.getKey().toUpperCase(java.util.Locale.ROOT));
                Long eastRecord = eastRecordIn(template, eastIds);
                if (!HttpMethod.GET.equals(method) && eastRecord == null) {
                    continue; // writes that name no east record create the caller's own
                }
                String path = filled(template, eastIds) + query(op.getValue());
                MockHttpServletResponse response = call(method, path, west,
                        HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method) ? null : "{}");
                String body = response.getContentAsString();
                answered.put(method + " " + path, response.getStatus());
                if (response.getStatus() >= 500) {
                    leaks.add(method + " " + path + " failed with " + response.getStatus() + ": " + body);
                }
                if (body.contains(marker)) {
                    leaks.add(method + " " + path + " answered the east team's record: " + body);
                }
                if (eastRecord != null) {
                    checkedOnEastRecords.add(method + " " + template);
                    if (response.getStatus() < 300) {
                        leaks.add(method + " " + path + " succeeded on the east team's record: "
                                + response.getStatus());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
        // the enumeration really reached the records of every kind, by id and through their lists
        assertThat(checkedOnEastRecords).contains("GET /api/v1/customers/{id}", "GET /api/v1/contacts/{id}",
                "PUT /api/v1/contacts/{id}", "GET /api/v1/follow-ups/{id}", "GET /api/v1/orders/{id}",
                "POST /api/v1/orders/{id}/payments", "GET /api/v1/service-requests/{id}",
                "PUT /api/v1/service-requests/{id}", "GET /api/v1/opportunities/{id}",
                "PUT /api/v1/customers/{id}", "GET /api/v1/tasks/{id}", "POST /api/v1/tasks/{id}/done",
                "POST /api/v1/tasks/{id}/reschedule");
        assertThat(answered).containsKeys("GET /api/v1/contacts", "GET /api/v1/follow-ups", "GET /api/v1/orders",
                "GET /api/v1/service-requests", "GET /api/v1/products", "GET /api/v1/tasks",
                "GET /api/v1/opportunities/stage-history");
        // and nothing the west rep sent changed them
        for (String path : eastRecords) {
            MockHttpServletResponse response = call(HttpMethod.GET, path, east, null);
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertThat(response.getContentAsString()).as(path).contains(marker);
            assertThat(JsonPath.<Integer>read(response.getContentAsString(), "$.version")).as(path)
                    .isEqualTo(versionsBefore.get(path));
        }
    }

    /** The east record a path names by id: the one of the kind of the segment before its first parameter. */
    private static Long eastRecordIn(String template, Map<String, Long> eastIds) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        if (!parameter.find()) {
            return null;
        }
        return eastIds.get(segmentBefore(template, parameter.start()));
    }

    private static String filled(String template, Map<String, Long> eastIds) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            Long id = eastIds.get(segmentBefore(template, parameter.start()));
            parameter.appendReplacement(path, id != null ? id.toString() : "1");
        }
        parameter.appendTail(path);
        return path.toString();
    }

    /** The path segment before a position: {@code orders} in {@code /api/v1/orders/{id}}. */
    private static String segmentBefore(String template, int position) {
        String head = template.substring(0, position - 1);
        return head.substring(head.lastIndexOf('/') + 1);
    }

    /** Every required query parameter, with a plausible value of its type; the rest left to their defaults. */
    private String query(JsonNode operation) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText()) || !parameter.path("required").asBoolean()) {
                continue;
            }
            JsonNode schema = parameter.path("schema");
            String value = switch (schema.path("format").asText()) {
                case "date" -> LocalDate.now(clock).minusDays(1).toString();
                case "date-time" -> clock.instant().minusSeconds(86_400).toString();
                default -> schema.has("enum") ? schema.path("enum").get(0).asText()
                        : "integer".equals(schema.path("type").asText()) ? "1" : "x";
            };
            pairs.add(parameter.path("name").asText() + "=" + value);
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }
}
