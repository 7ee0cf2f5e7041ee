package dev.funnel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.customer.Customer;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
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
 * The rest of the domain over REST: products, contacts, follow-ups, orders and payments, service requests; each
 * visible only as the UI shows it, each list narrowed by updatedSince and afterId for an integration's sync, and
 * every body refused, by field, when it carries a field the endpoint does not know.
 */
class DomainApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    private MockHttpServletResponse call(HttpMethod method, String path, String user, String body) throws Exception {
        var request = request(method, path).with(httpBasic(user, TestData.PASSWORD));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return http.perform(request).andReturn().getResponse();
    }

    private String ok(HttpMethod method, String path, UserSummary user, String body, int status) throws Exception {
        return ok(method, path, user.username(), body, status);
    }

    private String ok(HttpMethod method, String path, String user, String body, int status) throws Exception {
        MockHttpServletResponse response = call(method, path, user, body);
        assertThat(response.getStatus()).as(method + " " + path + ": " + response.getContentAsString())
                .isEqualTo(status);
        return response.getContentAsString();
    }

    private static long id(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    private static int version(String json) {
        return JsonPath.read(json, "$.version");
    }

    private static List<Long> ids(String page) {
        List<Long> ids = new ArrayList<>();
        for (Object id : JsonPath.<List<Object>>read(page, "$.items[*].id")) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }

    @Test
    void products_are_everyones_to_read_and_administrators_to_change_and_archive() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String admin = data.user(Role.ADMIN, null).username();
        String code = TestData.unique("P");
        String created = ok(HttpMethod.POST, "/api/v1/products", admin, """
                {"code":"%s","name":"Funnel 企业版 %s","unitPrice":"98000.00","currency":"CNY","category":"软件"}
                """.formatted(code, code), 201);
        long id = id(created);
        assertThat(call(HttpMethod.POST, "/api/v1/products", rep.username(),
                "{\"code\":\"X-" + code + "\",\"name\":\"Rep's\",\"currency\":\"CNY\"}").getStatus()).isEqualTo(403);

        String read = ok(HttpMethod.GET, "/api/v1/products/" + id, rep, null, 200);
        assertThat(JsonPath.<String>read(read, "$.name")).isEqualTo("Funnel 企业版 " + code);

        String archived = ok(HttpMethod.PUT, "/api/v1/products/" + id, admin, """
                {"code":"%s","name":"Funnel 企业版 %s","unitPrice":"99000.00","currency":"CNY","active":false,
                 "version":%d}""".formatted(code, code, version(created)), 200);
        assertThat(JsonPath.<Boolean>read(archived, "$.active")).isFalse();
        // the archived product leaves the default list but stays readable and listable on request
        String since = Instant.now().minusSeconds(60).toString();
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/products?size=500&updatedSince=" + since, rep, null, 200)))
                .doesNotContain(id);
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/products?includeInactive=true&size=500&updatedSince=" + since,
                rep, null, 200))).contains(id);
        // an update that leaves active out keeps the product archived
        String renamed = ok(HttpMethod.PUT, "/api/v1/products/" + id, admin, """
                {"code":"%s","name":"Funnel 旗舰版 %s","currency":"CNY","version":%d}"""
                .formatted(code, code, version(archived)), 200);
        assertThat(JsonPath.<Boolean>read(renamed, "$.active")).isFalse();
        // a second writer with the old version is told, not silently overwritten
        assertThat(call(HttpMethod.PUT, "/api/v1/products/" + id, admin, """
                {"code":"%s","name":"Stale","currency":"CNY","version":%d}""".formatted(code, version(created)))
                .getStatus()).isEqualTo(409);
    }

    @Test
    void contacts_follow_ups_orders_and_service_requests_work_for_the_owner_and_are_hidden_from_another_team()
            throws Exception {
        var company = data.organisation();
        UserSummary rep = company.eastRep();
        UserSummary other = company.westRep();
        Customer customer = data.customerOf(rep);

        String contact = ok(HttpMethod.POST, "/api/v1/customers/" + customer.id() + "/contacts", rep, """
                {"name":"王芳","title":"采购经理","mobile":"13800138000","buyingRole":"DECISION_MAKER"}""", 201);
        long contactId = id(contact);
        String renamed = ok(HttpMethod.PUT, "/api/v1/contacts/" + contactId, rep, """
                {"name":"王芳","title":"采购总监","mobile":"13800138000","buyingRole":"DECISION_MAKER","version":%d}"""
                .formatted(version(contact)), 200);
        assertThat(JsonPath.<String>read(renamed, "$.title")).isEqualTo("采购总监");

        String followUp = ok(HttpMethod.POST, "/api/v1/follow-ups", rep, """
                {"type":"CALL","content":"电话沟通了预算","customerId":%d,"contactId":%d}"""
                .formatted(customer.id(), contactId), 201);
        long followUpId = id(followUp);

        String number = TestData.unique("SO");
        String order = ok(HttpMethod.POST, "/api/v1/orders", rep, """
                {"number":"%s","customerId":%d,"orderDate":"%s","amount":"50000.00"}"""
                .formatted(number, customer.id(), LocalDate.now(clock)), 201);
        long orderId = id(order);
        String paid = ok(HttpMethod.POST, "/api/v1/orders/" + orderId + "/payments", rep, """
                {"receivedOn":"%s","amount":"20000.00","orderVersion":%d}"""
                .formatted(LocalDate.now(clock), version(order)), 200);
        assertThat(JsonPath.<Object>read(paid, "$.paid").toString()).isEqualTo("20000.0");
        // a payment with the order's old version, or more than is outstanding, is refused
        assertThat(call(HttpMethod.POST, "/api/v1/orders/" + orderId + "/payments", rep.username(), """
                {"receivedOn":"%s","amount":"1.00","orderVersion":%d}"""
                .formatted(LocalDate.now(clock), version(order))).getStatus()).isEqualTo(409);
        String overpaid = ok(HttpMethod.POST, "/api/v1/orders/" + orderId + "/payments", rep, """
                {"receivedOn":"%s","amount":"30000.01","orderVersion":%d}"""
                .formatted(LocalDate.now(clock), version(paid)), 400);
        assertThat(JsonPath.<String>read(overpaid, "$.fieldErrors[0].field")).isEqualTo("amount");
        assertThat(JsonPath.<List<Object>>read(ok(HttpMethod.GET, "/api/v1/orders/" + orderId + "/payments", rep,
                null, 200), "$[*].id")).hasSize(1);
        // the same number twice is refused, which an ERP sync relies on
        String again = ok(HttpMethod.POST, "/api/v1/orders", rep, """
                {"number":"%s","customerId":%d,"orderDate":"%s","amount":"1.00"}"""
                .formatted(number, customer.id(), LocalDate.now(clock)), 400);
        assertThat(JsonPath.<String>read(again, "$.fieldErrors[0].field")).isEqualTo("number");

        String ticket = ok(HttpMethod.POST, "/api/v1/service-requests", rep, """
                {"customerId":%d,"contactId":%d,"subject":"安装后无法登录","priority":"HIGH"}"""
                .formatted(customer.id(), contactId), 201);
        long ticketId = id(ticket);
        String resolved = ok(HttpMethod.PUT, "/api/v1/service-requests/" + ticketId, rep, """
                {"subject":"安装后无法登录","contactId":%d,"priority":"HIGH","status":"RESOLVED","version":%d}"""
                .formatted(contactId, version(ticket)), 200);
        assertThat(JsonPath.<String>read(resolved, "$.resolvedOn")).isEqualTo(LocalDate.now(clock).toString());

        // another team's rep reaches none of it, by id or in a list
        for (String path : List.of("/api/v1/contacts/" + contactId, "/api/v1/follow-ups/" + followUpId,
                "/api/v1/orders/" + orderId, "/api/v1/orders/" + orderId + "/payments",
                "/api/v1/service-requests/" + ticketId, "/api/v1/customers/" + customer.id() + "/contacts")) {
            assertThat(call(HttpMethod.GET, path, other.username(), null).getStatus()).as(path).isEqualTo(404);
        }
        assertThat(call(HttpMethod.PUT, "/api/v1/contacts/" + contactId, other.username(), """
                {"name":"改名","version":%d}""".formatted(version(renamed))).getStatus()).isEqualTo(404);
        String since = Instant.now().minusSeconds(600).toString();
        for (String list : List.of("/api/v1/contacts", "/api/v1/follow-ups", "/api/v1/orders",
                "/api/v1/service-requests")) {
            assertThat(ids(ok(HttpMethod.GET, list + "?size=500&updatedSince=" + since, other, null, 200)))
                    .as(list).doesNotContain(contactId, followUpId, orderId, ticketId);
        }
        // the rep's manager sees the team's
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/follow-ups?size=500&updatedSince=" + since,
                company.eastManager(), null, 200))).contains(followUpId);
    }

    @Test
    void an_incremental_sync_returns_exactly_the_records_changed_since_and_pages_by_id() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        List<Customer> customers = List.of(data.customerOf(rep), data.customerOf(rep), data.customerOf(rep));
        List<Long> contactIds = new ArrayList<>();
        List<Integer> contactVersions = new ArrayList<>();
        List<Long> orderIds = new ArrayList<>();
        List<Integer> orderVersions = new ArrayList<>();
        for (Customer customer : customers) {
            String contact = ok(HttpMethod.POST, "/api/v1/customers/" + customer.id() + "/contacts", rep,
                    "{\"name\":\"" + TestData.unique("联系人") + "\"}", 201);
            contactIds.add(id(contact));
            contactVersions.add(version(contact));
            String order = ok(HttpMethod.POST, "/api/v1/orders", rep, """
                    {"number":"%s","customerId":%d,"orderDate":"%s","amount":"10.00"}"""
                    .formatted(TestData.unique("SO"), customer.id(), LocalDate.now(clock)), 201);
            orderIds.add(id(order));
            orderVersions.add(version(order));
        }
        String since = Instant.now().toString();

        Customer changed = customers.get(1);
        ok(HttpMethod.PUT, "/api/v1/customers/" + changed.id(), rep, """
                {"name":"%s","version":%d}""".formatted(changed.name() + " 集团", changed.version()), 200);
        ok(HttpMethod.PUT, "/api/v1/contacts/" + contactIds.get(2), rep, """
                {"name":"改了名字","version":%d}""".formatted(contactVersions.get(2)), 200);
        ok(HttpMethod.POST, "/api/v1/orders/" + orderIds.get(0) + "/payments", rep, """
                {"receivedOn":"%s","amount":"5.00","orderVersion":%d}"""
                .formatted(LocalDate.now(clock), orderVersions.get(0)), 200);
        long newFollowUp = id(ok(HttpMethod.POST, "/api/v1/follow-ups", rep, """
                {"type":"VISIT","content":"上门拜访","customerId":%d}""".formatted(customers.get(0).id()), 201));

        List<Long> ours = new ArrayList<>(customers.stream().map(Customer::id).toList());
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/customers?size=500&updatedSince=" + since, rep, null, 200)))
                .filteredOn(ours::contains).containsExactly(changed.id());
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/contacts?size=500&updatedSince=" + since, rep, null, 200)))
                .filteredOn(contactIds::contains).containsExactly(contactIds.get(2));
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/orders?size=500&updatedSince=" + since, rep, null, 200)))
                .filteredOn(orderIds::contains).containsExactly(orderIds.get(0));
        assertThat(ids(ok(HttpMethod.GET, "/api/v1/follow-ups?size=500&updatedSince=" + since, rep, null, 200)))
                .contains(newFollowUp);

        // paging by afterId walks every order in id order, one at a time, none twice
        List<Long> walked = new ArrayList<>();
        long after = orderIds.get(0) - 1;
        for (int i = 0; i < 3; i++) {
            List<Long> page = ids(ok(HttpMethod.GET, "/api/v1/orders?size=1&afterId=" + after, rep, null, 200));
            walked.addAll(page);
            after = page.get(0);
        }
        assertThat(walked).isEqualTo(orderIds);
    }

    @Test
    void a_body_with_fields_the_endpoint_does_not_know_is_refused_naming_each_and_writes_nothing() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        Customer customer = data.customerOf(rep);
        String number = TestData.unique("SO");
        String refused = ok(HttpMethod.POST, "/api/v1/orders", rep, """
                {"number":"%s","customerId":%d,"orderDate":"%s","amout":"10.00","lines":[{"sku":"A"}]}"""
                .formatted(number, customer.id(), LocalDate.now(clock)), 400);
        assertThat(JsonPath.<List<String>>read(refused, "$.fieldErrors[*].field")).containsExactly("amout", "lines");
        assertThat(JsonPath.<List<String>>read(refused, "$.fieldErrors[*].code"))
                .containsOnly("validation.unknown-field");
        assertThat(JsonPath.<Integer>read(ok(HttpMethod.GET, "/api/v1/orders?q=" + number, rep, null, 200),
                "$.total")).isZero();
        // a known field of the wrong type is still named as such
        String wrongType = ok(HttpMethod.POST, "/api/v1/follow-ups", rep, """
                {"type":"CALL","content":"x","customerId":"not a number"}""", 400);
        assertThat(JsonPath.<String>read(wrongType, "$.fieldErrors[0].field")).isEqualTo("customerId");
    }
}
