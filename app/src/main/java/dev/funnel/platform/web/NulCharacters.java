package dev.funnel.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.funnel.platform.Checks;
import dev.funnel.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses NUL characters at the API's edge, by the name of the field or parameter that carries them, with 400:
 * PostgreSQL cannot store or compare them, and they used to reach the database and come back as a 409 "changed
 * at the same time". Text a service checks is also refused there ({@link Checks#maxLength}), for the UI.
 */
@Configuration
class NulCharacters implements WebMvcConfigurer {

    /** A JSON string holding a NUL, reported with the field's path like any value of the wrong form. */
    static final class NulInJson extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        NulInJson(JsonParser parser, String value) {
            super(parser, "a NUL character", value, String.class);
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer refuseNulInJsonStrings() {
        SimpleModule module = new SimpleModule("funnel-nul-characters");
        module.addDeserializer(String.class, new StringDeserializer() {
            private static final long serialVersionUID = 1L;

            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (Checks.hasNul(value)) {
                    throw new NulInJson(parser, value);
                }
                return value;
            }
        });
        return builder -> builder.modulesToInstall(module);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    for (String value : parameter.getValue()) {
                        if (Checks.hasNul(value)) {
                            throw InvalidInputException.of(parameter.getKey(), "validation.nul");
                        }
                    }
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }
}
