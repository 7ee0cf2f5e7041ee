package dev.funnel.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.funnel.customer.Customer;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerService;
import dev.funnel.customer.DuplicateCandidate;
import dev.funnel.customer.DuplicateReason;
import dev.funnel.customer.RegistryAnswer;
import dev.funnel.identity.UserSummary;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled business-registry plugin, loaded from its jar, against a local fake of a 企查查-style API: the form's
 * look-up fills a customer's registration data, the duplicate check finds a customer entered under another form of
 * the name by the credit code the registry gives, and a registry that hangs costs the look-up its time limit while
 * saving a customer does not wait for it at all.
 */
class CompanyRegistryPluginTest extends IntegrationTest {

    @Autowired
    PluginSettingsService settings;
    @Autowired
    CustomerService customers;

    HttpServer server;
    volatile CountDownLatch hang = new CountDownLatch(0);
    PluginRecord service;
    String creditCode;
    String registeredName;

    @BeforeEach
    void fakeRegistry() throws Exception {
        // a valid code of its own per run: far from the demo's and other tests'
        creditCode = dev.funnel.customer.CreditCode.withCheckCharacter(
                "913100007" + String.format(java.util.Locale.ROOT, "%08d", Math.floorMod(System.nanoTime(), 100_000_000L)));
        registeredName = TestData.unique("上海艾克美信息技术有限公司");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/ECIV4/GetBasicDetailsByName", exchange -> {
            try {
                hang.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = """
                    {"Status":"200","Message":"查询成功","Result":{"Name":"%s","CreditCode":"%s","OperName":"王建国",
                     "RegistCapi":"1000万元人民币","StartDate":"2015-03-12 00:00:00","Status":"存续",
                     "Address":"上海市浦东新区张江路 88 号"}}""".formatted(registeredName, creditCode);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        service = data.asAdmin(() -> settings.save("company-registry", "service", null, null, Map.of(
                "baseUrl", "http://127.0.0.1:" + server.getAddress().getPort(), "key", "app-key",
                "secretKey", "secret-key-0123456789")));
    }

    @AfterEach
    void stop() {
        hang.countDown();
        data.asAdmin(() -> {
            settings.delete("company-registry", service.id(), service.version());
            return null;
        });
        server.stop(0);
    }

    @Test
    void a_registry_plugin_not_yet_set_up_is_not_asked_and_not_counted_as_failing() {
        data.asAdmin(() -> {
            settings.delete("company-registry", service.id(), service.version());
            return null;
        });
        UserSummary rep = data.organisation().eastRep();
        for (int i = 0; i < 4; i++) {
            RegistryAnswer answer = data.as(rep.username(), () -> customers.lookUpRegistry("艾克美"));
            assertThat(answer.available()).isFalse();
            data.as(rep.username(), () -> customers.findDuplicates(CustomerDraft.named("艾克美"), null));
        }
        // four look-ups later the plugin is not suspended: its settings can still be entered
        service = data.asAdmin(() -> settings.save("company-registry", "service", null, null, Map.of(
                "baseUrl", "http://127.0.0.1:" + server.getAddress().getPort(), "key", "app-key",
                "secretKey", "secret-key-0123456789")));
        assertThat(data.as(rep.username(), () -> customers.lookUpRegistry("艾克美")).companies()).hasSize(1);
    }

    @Test
    void the_registry_fills_a_customer_and_finds_one_entered_under_another_name() {
        UserSummary rep = data.organisation().eastRep();
        RegistryAnswer answer = data.as(rep.username(), () -> customers.lookUpRegistry("艾克美"));
        assertThat(answer.available()).isTrue();
        assertThat(answer.problem()).isNull();
        assertThat(answer.companies()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo(registeredName);
            assertThat(c.creditCode()).isEqualTo(creditCode);
            assertThat(c.legalRepresentative()).isEqualTo("王建国");
            assertThat(c.registeredCapital()).isEqualByComparingTo(new BigDecimal("10000000"));
            assertThat(c.foundedOn()).isEqualTo(LocalDate.of(2015, 3, 12));
            assertThat(c.source()).contains("工商信息");
        });

        // another rep entered the company under its registered name and credit code
        UserSummary other = data.organisation().westRep();
        Customer existing = data.as(other.username(), () -> customers.create(new CustomerDraft(registeredName,
                creditCode, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null)));
        List<DuplicateCandidate> found = data.as(rep.username(), () -> customers.findDuplicates(
                CustomerDraft.named(TestData.unique("艾克美")), null));
        assertThat(found).filteredOn(c -> c.customerId() == existing.id()).singleElement()
                .satisfies(c -> assertThat(c.reasons()).containsExactly(DuplicateReason.REGISTERED_NAME));
    }

    @Test
    void a_registry_that_hangs_costs_the_look_up_its_time_limit_and_never_holds_up_saving() {
        hang = new CountDownLatch(1);
        UserSummary rep = data.organisation().eastRep();

        long started = System.nanoTime();
        RegistryAnswer answer = data.as(rep.username(), () -> customers.lookUpRegistry("艾克美"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.companies()).isEmpty();
        assertThat(answer.problem()).isNotBlank();
        assertThat(took).isLessThan(Duration.ofSeconds(8));

        started = System.nanoTime();
        Customer saved = data.as(rep.username(), () -> customers.create(CustomerDraft.named(TestData.unique("艾克美"))));
        assertThat(saved.id()).isPositive();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("saving asks no registry")
                .isLessThan(Duration.ofSeconds(3));
        started = System.nanoTime();
        List<DuplicateCandidate> checked = data.as(rep.username(), () -> customers.findDuplicates(
                CustomerDraft.named(saved.name()), null));
        assertThat(checked).extracting(DuplicateCandidate::customerId).contains(saved.id());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the duplicate check waits 1.5 s at most")
                .isLessThan(Duration.ofSeconds(5));
    }
}
