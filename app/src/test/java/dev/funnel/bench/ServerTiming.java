package dev.funnel.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * For benchmarks only: the server's own time per request, from the first servlet filter in (before signing in) to
 * the last one out (the body written but for what the container still buffers). Added to a benchmark's
 * application as a second source; a client-side time on the same machine adds the client's own work on the same
 * cores, which this leaves out. Not a {@code @Configuration}, so that the tests' component scan of
 * {@code dev.funnel} does not add it to every test's application.
 */
public class ServerTiming {

    private static final ConcurrentLinkedQueue<Long> TIMES = new ConcurrentLinkedQueue<>();

    /** Forgets what was timed so far, at the start of a phase. */
    static void reset() {
        TIMES.clear();
    }

    /** Every request's server time since the last {@link #reset()}, in nanoseconds. */
    static long[] taken() {
        return TIMES.stream().mapToLong(Long::longValue).toArray();
    }

    @Bean
    FilterRegistrationBean<Filter> benchServerTimingFilter() {
        Filter timing = (ServletRequest request, ServletResponse response, FilterChain chain) -> time(request,
                response, chain);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(timing);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    private static void time(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request instanceof HttpServletRequest http && "GET".equals(http.getMethod())) {
                TIMES.add(System.nanoTime() - start);
            }
        }
    }
}
