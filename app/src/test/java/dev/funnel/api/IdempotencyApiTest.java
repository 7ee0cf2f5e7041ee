package dev.funnel.api;

import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An integration retrying a POST after a timeout with the same Idempotency-Key gets the first answer and creates
 * nothing twice; the same key with another request is refused; keys are the user's own and expire after a day.
 */
class IdempotencyApiTest extends IntegrationTest {

    @Autowired
    MockMvc http;

    private static RequestPostProcessor as(UserSummary user) {
        return httpBasic(user.username(), TestData.PASSWORD);
    }

    private ResultActions create(UserSummary rep, String key, String body) throws Exception {
        var request = post("/api/v1/opportunities").with(as(rep)).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return http.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    private long countNamed(UserSummary rep, String name) throws Exception {
        String page = http.perform(get("/api/v1/opportunities").param("q", name).with(as(rep)))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(page, "$.total")).longValue();
    }

    @Test
    void a_retried_post_with_the_same_key_answers_the_first_result_and_creates_one_deal() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        Pipeline pipeline = data.pipeline();
        Opportunity existing = data.opportunityOf(rep, pipeline);
        String name = TestData.unique("ERP 同步订单");
        String body = "{\"name\":\"" + name + "\",\"customerId\":" + existing.customerId() + ",\"pipelineId\":"
                + pipeline.id() + ",\"amount\":\"120000\",\"currency\":\"CNY\"}";
        String key = UUID.randomUUID().toString();

        String first = create(rep, key, body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        int id = JsonPath.read(first, "$.id");
        create(rep, key, body)
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id", is(id)));
        org.assertj.core.api.Assertions.assertThat(countNamed(rep, name)).isEqualTo(1);

        // the same key with another request is a mistake of the client's, not a retry
        create(rep, key, body.replace("120000", "130000"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code", is("idempotency_key_reused")));
        // without a key, every POST is a new deal
        create(rep, null, body).andExpect(status().isCreated());
        create(rep, null, body).andExpect(status().isCreated());
        org.assertj.core.api.Assertions.assertThat(countNamed(rep, name)).isEqualTo(3);
    }

    @Test
    void keys_are_each_users_own_and_a_day_old_key_is_free_again() throws Exception {
        var company = data.organisation();
        Pipeline pipeline = data.pipeline();
        Opportunity east = data.opportunityOf(company.eastRep(), pipeline);
        Opportunity west = data.opportunityOf(company.westRep(), pipeline);
        String key = "order-" + UUID.randomUUID();
        String name = TestData.unique("Same key");
        String eastBody = "{\"name\":\"" + name + "\",\"customerId\":" + east.customerId() + ",\"pipelineId\":"
                + pipeline.id() + "}";
        String westBody = "{\"name\":\"" + name + "\",\"customerId\":" + west.customerId() + ",\"pipelineId\":"
                + pipeline.id() + "}";
        create(company.eastRep(), key, eastBody).andExpect(status().isCreated());
        create(company.westRep(), key, westBody).andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));

        clock.advance(Duration.ofHours(25));
        create(company.eastRep(), key, eastBody).andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
        org.assertj.core.api.Assertions.assertThat(countNamed(company.eastRep(), name)).isEqualTo(2);
    }

    @Test
    void a_malformed_key_is_refused_before_anything_is_written() throws Exception {
        UserSummary rep = data.organisation().eastRep();
        String name = TestData.unique("Bad key");
        create(rep, "has spaces in it", "{\"name\":\"" + name + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code", is("idempotency_key_invalid")));
        org.assertj.core.api.Assertions.assertThat(countNamed(rep, name)).isZero();
    }
}
