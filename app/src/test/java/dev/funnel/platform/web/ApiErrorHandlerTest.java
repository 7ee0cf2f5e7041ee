package dev.funnel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Errors the handler words itself, without a running server. */
class ApiErrorHandlerTest {

    @Test
    void an_upload_over_the_limit_names_the_configured_limit_even_when_the_resolver_does_not_know_it() {
        ApiErrorHandler handler = new ApiErrorHandler(new Messages(), DataSize.ofMegabytes(50), java.util.List.of());

        var answer = handler.tooBig(new MaxUploadSizeExceededException(-1), Locale.ENGLISH);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(answer.getBody().message()).contains("50 MB").doesNotContain("?");
    }

    @Test
    void a_client_that_left_while_its_answer_was_written_is_not_logged_as_a_defect_and_gets_nothing_more() {
        ApiErrorHandler handler = new ApiErrorHandler(new Messages(), DataSize.ofMegabytes(50), java.util.List.of());
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ApiErrorHandler.class);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        logger.addAppender(logged);
        try {
            var whileWriting = handler.unexpected(new org.springframework.http.converter.HttpMessageNotWritableException(
                    "Could not write JSON", clientAbort()), Locale.ENGLISH, new MockHttpServletResponse());
            var committed = new MockHttpServletResponse();
            committed.setCommitted(true);
            var afterCommit = handler.unexpected(new IllegalStateException("stream closed", clientAbort()),
                    Locale.ENGLISH, committed);
            // an upload cut short fails while the request is read, before any answer: still answered and logged
            var whileReading = handler.unexpected(new org.springframework.web.multipart.MultipartException(
                    "upload cut short", clientAbort()), Locale.ENGLISH, new MockHttpServletResponse());
            var defect = handler.unexpected(new IllegalStateException("a bug"), Locale.ENGLISH,
                    new MockHttpServletResponse());

            assertThat(whileWriting).isNull();
            assertThat(afterCommit).isNull();
            assertThat(whileReading.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(defect.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(logged.list).filteredOn(event -> event.getLevel() == ch.qos.logback.classic.Level.ERROR)
                    .extracting(event -> event.getThrowableProxy().getMessage())
                    .containsExactly("upload cut short", "a bug");
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static org.apache.catalina.connector.ClientAbortException clientAbort() {
        return new org.apache.catalina.connector.ClientAbortException(new java.io.IOException("Broken pipe"));
    }
}
