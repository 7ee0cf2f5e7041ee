package dev.funnel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.scoring.testplugins.HangingScorer;
import dev.funnel.scoring.testplugins.NonsenseScorer;
import dev.funnel.scoring.testplugins.SteadyScorer;
import dev.funnel.scoring.testplugins.ThrowingScorer;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestDatabaseSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Scorers in real plugin jars, beside three broken ones (one throws, one hangs ignoring interruption, one answers
 * a probability that is not a number), each its own plugin: a rep's change succeeds, the deal is scored after it
 * commits, the working scorer's probability becomes the deal's, and the broken ones show why for admins only.
 */
class ScoringPluginsTest extends IntegrationTest {

    static final Path PLUGINS = pluginsWith(Map.of("steady-scorer", SteadyScorer.class,
            "throwing-scorer", ThrowingScorer.class, "hanging-scorer", HangingScorer.class,
            "nonsense-scorer", NonsenseScorer.class));
    static final String ADMIN = "admin";

    @DynamicPropertySource
    static void scorerPlugins(DynamicPropertyRegistry properties) {
        properties.add("funnel.plugins-dir", PLUGINS::toString);
        properties.add("funnel.scoring.score-timeout", () -> "1s");
        properties.add("funnel.scoring.after-change-delay", () -> "200ms");
    }

    @Autowired
    MockMvc http;
    @Autowired
    ObjectMapper json;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_change_succeeds_whatever_the_scorers_do_and_the_deal_is_scored_after_it_commits() throws Exception {
        JsonNode trained = call(post("/api/v1/admin/scoring/steady/train"), ADMIN, TestDatabaseSession.ADMIN_PASSWORD);
        assertThat(trained.path("model").path("version").asText()).isEqualTo("steady-1");
        call(put("/api/v1/admin/scoring/primary").contentType(MediaType.APPLICATION_JSON)
                .content("{\"scorerId\":\"steady\"}"), ADMIN, TestDatabaseSession.ADMIN_PASSWORD);

        UserSummary rep = data.user(Role.SALES_REP, null);
        Pipeline pipeline = data.pipeline();
        Opportunity deal = data.opportunityOf(rep, pipeline);
        Opportunity edited = as(rep.username(), () -> editing.update(deal.id(), deal.version(),
                new OpportunityDraft(deal.name(), deal.customerId(), null, null, null, null,
                        new java.math.BigDecimal("90000.00"), deal.currency(), null, null, null, null)));
        assertThat(edited.amount()).isEqualByComparingTo("90000");

        JsonNode scores = awaitVerdict(deal.id(), rep.username(), "steady");
        Map<String, JsonNode> byScorer = byScorer(scores);
        assertThat(byScorer).containsOnlyKeys("steady", "throwing", "hanging", "nonsense");
        assertThat(byScorer.get("steady").path("primary").asBoolean()).isTrue();
        assertThat(byScorer.get("steady").path("factors")).hasSize(2);
        assertThat(byScorer.get("steady").path("modelVersion").asText()).isEqualTo("steady-1");
        for (String broken : List.of("throwing", "hanging", "nonsense")) {
            assertThat(byScorer.get(broken).path("unavailable").asBoolean()).isTrue();
            assertThat(byScorer.get(broken).path("failure").isNull()).as("reasons are for administrators").isTrue();
        }

        Map<String, JsonNode> forAdmin = byScorer(call(get("/api/v1/opportunities/" + deal.id() + "/scores"),
                ADMIN, TestDatabaseSession.ADMIN_PASSWORD));
        assertThat(forAdmin.get("throwing").path("failure").asText()).contains("the model file is missing");
        assertThat(forAdmin.get("hanging").path("failure").asText()).contains("did not answer within 1000 ms");
        assertThat(forAdmin.get("nonsense").path("failure").asText()).contains("winProbability must be between");

        JsonNode opportunity = call(get("/api/v1/opportunities/" + deal.id()), rep.username(), TestData.PASSWORD);
        assertThat(opportunity.path("winProbability").decimalValue())
                .isEqualByComparingTo(byScorer.get("steady").path("probability").decimalValue());
        assertThat(opportunity.path("version").asInt()).as("a rating is not an edit").isEqualTo(edited.version());
    }

    @Test
    void a_stored_model_the_scorer_cannot_read_is_set_aside_and_trained_again() throws Exception {
        call(post("/api/v1/admin/scoring/steady/train"), ADMIN, TestDatabaseSession.ADMIN_PASSWORD);
        // as if another instance had stored a model this version of the scorer cannot read
        jdbc.update("update scoring_model set version = 'garbage-9', trained_at = now() - interval '1 second' where scorer_id = 'steady'");
        UserSummary rep = data.user(Role.SALES_REP, null);
        Opportunity deal = data.opportunityOf(rep, data.pipeline());

        java.sql.Timestamp unreadableSince = jdbc.queryForObject(
                "select trained_at from scoring_model where scorer_id = 'steady'", java.sql.Timestamp.class);
        call(post("/api/v1/opportunities/" + deal.id() + "/scores"), ADMIN, TestDatabaseSession.ADMIN_PASSWORD);

        // trained again in the background (after this scoring or the one after the deal was created), and the
        // deal scored with the new model
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode steady;
        do {
            Thread.sleep(200);
            steady = byScorer(call(get("/api/v1/opportunities/" + deal.id() + "/scores"), rep.username(),
                    TestData.PASSWORD)).get("steady");
            assertThat(System.nanoTime()).as("trained again within 90 s").isLessThan(until);
        } while (steady.path("unavailable").asBoolean() || !"steady-1".equals(steady.path("modelVersion").asText())
                // a scoring that began before the model was spoilt may still answer with the model it had read:
                // wait for the stored one to be replaced too
                || !jdbc.queryForObject("select trained_at from scoring_model where scorer_id = 'steady'",
                        java.sql.Timestamp.class).after(unreadableSince));
        assertThat(jdbc.queryForObject("select version from scoring_model where scorer_id = 'steady'",
                String.class)).isEqualTo("steady-1");
    }

    private JsonNode awaitVerdict(long dealId, String username, String scorerId) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode scores = call(get("/api/v1/opportunities/" + dealId + "/scores"), username, TestData.PASSWORD);
            JsonNode verdict = byScorer(scores).get(scorerId);
            if (verdict != null && !verdict.path("unavailable").asBoolean() && byScorer(scores).size() == 4) {
                return scores;
            }
            assertThat(System.nanoTime()).as("scored within 30 s of the change").isLessThan(until);
            Thread.sleep(200);
        }
    }

    private static Map<String, JsonNode> byScorer(JsonNode scores) {
        Map<String, JsonNode> byScorer = new HashMap<>();
        scores.forEach(score -> byScorer.put(score.path("scorerId").asText(), score));
        return byScorer;
    }

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                          String username, String password) throws Exception {
        RequestBuilder signed = request.with(httpBasic(username, password));
        var response = http.perform(signed).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    /** One plugin jar per scorer class: its manifest, its extension index, and the class itself. */
    private static Path pluginsWith(Map<String, Class<?>> scorers) {
        try {
            Path dir = Files.createTempDirectory("funnel-scoring-plugins");
            for (Map.Entry<String, Class<?>> plugin : scorers.entrySet()) {
                Manifest manifest = new Manifest();
                Attributes attributes = manifest.getMainAttributes();
                attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
                attributes.putValue("Plugin-Id", plugin.getKey());
                attributes.putValue("Plugin-Version", "1.0.0");
                attributes.putValue("Plugin-Requires", ">=1.4.0 & <2.0.0");
                Class<?> scorer = plugin.getValue();
                String classFile = scorer.getName().replace('.', '/') + ".class";
                try (OutputStream out = Files.newOutputStream(dir.resolve(plugin.getKey() + ".jar"));
                     JarOutputStream jar = new JarOutputStream(out, manifest);
                     InputStream bytes = scorer.getClassLoader().getResourceAsStream(classFile)) {
                    jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                    jar.write((scorer.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                    jar.putNextEntry(new JarEntry(classFile));
                    bytes.transferTo(jar);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
