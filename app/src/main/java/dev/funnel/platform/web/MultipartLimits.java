package dev.funnel.platform.web;

import jakarta.servlet.MultipartConfigElement;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Bounds multipart uploads by the import's file limit: a file part may be as large as an import accepts, and the
 * whole request only a megabyte more, for the small parts beside the file (entity, mapping, mode). Without the
 * second bound a request of many parts, each under the limit, was read without end.
 */
@Configuration
class MultipartLimits {

    static final DataSize OTHER_PARTS = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(@Value("${funnel.import.max-size:50MB}") DataSize maxFile) {
        long file = maxFile.toBytes();
        // parts are written to disk from the first byte, never buffered whole in memory
        return new MultipartConfigElement(null, file, file + OTHER_PARTS.toBytes(), 0);
    }

    /**
     * Reads and discards the rest of a refused upload up to twice the limit, so that a client a little over it
     * reads the 413 and its message instead of a broken connection; beyond that the connection is closed.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowRefusedUploads(
            @Value("${funnel.import.max-size:50MB}") DataSize maxFile) {
        int swallow = (int) Math.min(Integer.MAX_VALUE, 2 * maxFile.toBytes() + OTHER_PARTS.toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize(swallow);
            }
        });
    }
}
