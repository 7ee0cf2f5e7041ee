package dev.funnel.platform.web;

import java.time.OffsetDateTime;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the REST API's JSON is written, beyond application.properties (spring.jackson.*). */
@Configuration
class JsonSettings {

    /** Timestamps written as Jackson writes them, faster ({@link OffsetDateTimeJson}). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer fastOffsetDateTimes() {
        return builder -> builder.serializerByType(OffsetDateTime.class, new OffsetDateTimeJson());
    }
}
