package dev.funnel.platform.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.platform.Messages;
import dev.funnel.platform.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Idempotent writes (docs/api.md, "Retrying safely"): a POST to the API with an {@code Idempotency-Key} header is
 * remembered per user for a day with its answer. A retry with the same key and the same request gets that answer
 * again (header {@code Idempotent-Replayed: true}) and changes nothing; the same key with another request is 422;
 * a retry while the first is still running is 409. An answer of 5xx is not remembered, so a retry runs again.
 *
 * <p>Runs after Spring Security, so the key belongs to the signed-in user; a request that was refused before
 * reaching here (401, 403) claimed nothing.
 */
@Component
class IdempotentRequests extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** How long a key is remembered. */
    static final Duration KEPT = Duration.ofHours(24);
    /** After this, a request that holds its key without an answer is taken to have died half-way. */
    static final Duration RUNNING_AT_MOST = Duration.ofMinutes(1);
    /** Bodies are held in memory to fingerprint them: JSON writes are far smaller; uploads take no key. */
    static final int MAX_BODY = 1024 * 1024;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotentRequestRepository remembered;
    private final Messages messages;
    private final ObjectMapper json;
    private final Clock clock;

    IdempotentRequests(IdempotentRequestRepository remembered, Messages messages, ObjectMapper json, Clock clock) {
        this.remembered = remembered;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal user = request.getUserPrincipal();
        if (user == null) {
            chain.doFilter(request, response); // Spring Security answers it
            return;
        }
        String key = request.getHeader(HEADER).strip();
        if (!KEY.matcher(key).matches()) {
            refuse(request, response, 400, "idempotency_key_invalid", "api.error.idempotency-key-invalid");
            return;
        }
        String contentType = request.getContentType();
        if (request.getContentLengthLong() > MAX_BODY
                || (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"))) {
            refuse(request, response, 400, "idempotency_key_unsupported", "api.error.idempotency-key-too-large",
                    MAX_BODY / 1024);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refuse(request, response, 400, "idempotency_key_unsupported", "api.error.idempotency-key-too-large",
                    MAX_BODY / 1024);
            return;
        }
        String fingerprint = fingerprint(request, body);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Long> claimed = remembered.claim(user.getName(), key, fingerprint, now);
        if (claimed.isEmpty()) {
            Optional<IdempotentRequestRepository.Remembered> earlier = remembered.find(user.getName(), key);
            if (earlier.isPresent() && earlier.get().createdAt().isBefore(now.minus(KEPT))) {
                remembered.release(earlier.get().id()); // expired: the key is free again
                claimed = remembered.claim(user.getName(), key, fingerprint, now);
            } else if (earlier.isPresent()) {
                answerAgain(request, response, earlier.get(), fingerprint, now);
                return;
            }
            if (claimed.isEmpty()) { // released in between by the request that held it: let the client retry
                refuse(request, response, 409, "idempotency_key_in_use", "api.error.idempotency-key-running");
                return;
            }
        }
        long id = claimed.get();
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(new ReplayedBody(request, body), recorded);
            int status = recorded.getStatus();
            if (status < 500) {
                remembered.answer(id, status, recorded.getContentType(), recorded.getHeader("Location"),
                        new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8));
                answered = true;
            }
        } finally {
            if (!answered) {
                remembered.release(id);
            }
            recorded.copyBodyToResponse();
        }
    }

    private void answerAgain(HttpServletRequest request, HttpServletResponse response,
                             IdempotentRequestRepository.Remembered earlier, String fingerprint, OffsetDateTime now)
            throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            refuse(request, response, 422, "idempotency_key_reused", "api.error.idempotency-key-reused");
        } else if (earlier.status() == null) {
            boolean stuck = earlier.createdAt().isBefore(now.minus(RUNNING_AT_MOST));
            refuse(request, response, 409, "idempotency_key_in_use", stuck ? "api.error.idempotency-key-unknown"
                    : "api.error.idempotency-key-running");
        } else {
            response.setStatus(earlier.status());
            response.setHeader("Idempotent-Replayed", "true");
            if (earlier.location() != null) {
                response.setHeader("Location", earlier.location());
            }
            if (earlier.contentType() != null) {
                response.setContentType(earlier.contentType());
            }
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(earlier.body() == null ? "" : earlier.body());
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                        String messageKey, Object... arguments) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), new ApiError(code,
                messages.get(messageKey, request.getLocale(), arguments), List.of()));
    }

    /** The request as sent: method, path, query and body; the same key with another of these is refused. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The request with its body read once already, given to the rest of the chain again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is in memory: it is all available at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
