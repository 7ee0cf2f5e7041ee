package dev.funnel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.platform.Messages;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiConcurrencyLimitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void noMoreApiRequestsWorkAtOnceThanTheLimitAndEveryOneIsServed() throws Exception {
        ApiConcurrencyLimit limit = new ApiConcurrencyLimit(2, Duration.ofSeconds(30), new Messages(), new ObjectMapper());
        AtomicInteger working = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FilterChain work = (request, response) -> {
            most.accumulateAndGet(working.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            working.decrementAndGet();
            ((MockHttpServletResponse) response).setStatus(200);
        };
        List<Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(threads.submit(() -> {
                MockHttpServletResponse response = new MockHttpServletResponse();
                limit.doFilter(api("/api/v1/opportunities"), response, work);
                return response.getStatus();
            }));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void requestsWaitingForATurnAreServedInTheOrderTheyCame() throws Exception {
        ApiConcurrencyLimit limit = new ApiConcurrencyLimit(1, Duration.ofSeconds(30), new Messages(), new ObjectMapper());
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        FilterChain work = (request, response) -> {
            String path = ((MockHttpServletRequest) request).getRequestURI();
            served.add(path);
            if (path.endsWith("/0")) {
                try {
                    firstMayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        List<Future<?>> requests = new java.util.ArrayList<>();
        requests.add(threads.submit(() -> serve(limit, "/api/v1/deals/0", work)));
        awaitQueue(limit, 1, 0);
        for (int i = 1; i <= 4; i++) {
            String path = "/api/v1/deals/" + i;
            requests.add(threads.submit(() -> serve(limit, path, work)));
            awaitQueue(limit, 1, i);
        }
        firstMayFinish.countDown();
        for (Future<?> request : requests) {
            request.get(10, TimeUnit.SECONDS);
        }
        assertThat(served).containsExactly("/api/v1/deals/0", "/api/v1/deals/1", "/api/v1/deals/2",
                "/api/v1/deals/3", "/api/v1/deals/4");
    }

    @Test
    void aRequestThatWaitsTooLongIsAnswered503WithRetryAfterInTheCallersLanguage() throws Exception {
        ApiConcurrencyLimit limit = new ApiConcurrencyLimit(1, Duration.ofMillis(50), new Messages(), new ObjectMapper());
        CountDownLatch release = new CountDownLatch(1);
        Future<?> busy = holdTheOnlyTurn(limit, release);
        try {
            MockHttpServletRequest request = api("/api/v1/opportunities");
            request.addPreferredLocale(Locale.SIMPLIFIED_CHINESE);
            MockHttpServletResponse response = new MockHttpServletResponse();
            limit.doFilter(request, response, (req, res) -> {
                throw new AssertionError("a request past its wait must not run");
            });
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            JsonNode body = new ObjectMapper().readTree(response.getContentAsString());
            assertThat(body.get("code").asText()).isEqualTo("busy");
            assertThat(body.get("message").asText()).contains("正忙");
        } finally {
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBrowserUiAndHealthChecksAreNotLimited() throws Exception {
        ApiConcurrencyLimit limit = new ApiConcurrencyLimit(1, Duration.ofMillis(50), new Messages(), new ObjectMapper());
        CountDownLatch release = new CountDownLatch(1);
        Future<?> busy = holdTheOnlyTurn(limit, release);
        try {
            for (String path : List.of("/deals", "/actuator/health/readiness")) {
                AtomicInteger ran = new AtomicInteger();
                limit.doFilter(api(path), new MockHttpServletResponse(), (req, res) -> ran.incrementAndGet());
                assertThat(ran).as(path).hasValue(1);
            }
        } finally {
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutASettingTwoRequestsPerCoreWorkAtOnce() {
        ApiConcurrencyLimit limit = new ApiConcurrencyLimit(0, Duration.ofSeconds(30), new Messages(), new ObjectMapper());
        assertThat(limit.limit()).isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /** A slow report holding the limit's one turn until released. */
    private Future<?> holdTheOnlyTurn(ApiConcurrencyLimit limit, CountDownLatch release)
            throws InterruptedException {
        Future<?> busy = threads.submit(() -> serve(limit, "/api/v1/reports/funnel", (request, response) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        awaitQueue(limit, 1, 0);
        return busy;
    }

    private static Void serve(ApiConcurrencyLimit limit, String path, FilterChain work) throws Exception {
        limit.doFilter(api(path), new MockHttpServletResponse(), work);
        return null;
    }

    /** Until {@code working} requests hold a turn and {@code waiting} wait for one (or after 5 s). */
    private static void awaitQueue(ApiConcurrencyLimit limit, int working, int waiting) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end && (limit.waiting() != waiting || limit.working() != working)) {
            Thread.sleep(2);
        }
    }

    private static MockHttpServletRequest api(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }
}
