package dev.funnel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
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
}
