package dev.funnel.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Refuses a request body that carries fields its endpoint does not know, naming every one of them with 400: an
 * integration that misspells {@code expectedCloseDate} must hear so, not see its value silently dropped.
 *
 * <p>Only the API's reading of request bodies is strict. The application's own {@link ObjectMapper} (stored
 * snapshots, plugin data, import mappings) stays lenient, so that JSON written by an older release still reads.
 */
@Configuration
class UnknownJsonFields {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper) {
        return new StrictConverter(objectMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addHandler(new Collector()));
    }

    /** The unknown fields of the body being read on this thread; Spring MVC reads a body on the request's thread. */
    private static final ThreadLocal<List<String>> UNKNOWN = new ThreadLocal<>();

    private static final class StrictConverter extends MappingJackson2HttpMessageConverter {

        StrictConverter(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
            List<String> unknown = new ArrayList<>();
            UNKNOWN.set(unknown);
            try {
                Object value = super.read(type, contextClass, input);
                if (!unknown.isEmpty()) {
                    throw new InvalidInputException(unknown.stream()
                            .map(field -> FieldProblem.of(field, "validation.unknown-field")).toList());
                }
                return value;
            } finally {
                UNKNOWN.remove();
            }
        }
    }

    /** Notes each unknown field by its path in the body and skips its value, so that every one is named. */
    private static final class Collector extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            List<String> unknown = UNKNOWN.get();
            if (unknown == null) {
                return false;
            }
            JsonStreamContext object = parser.getParsingContext();
            if (parser.currentToken() != null && parser.currentToken().isStructStart()) {
                // the parser already stands on the value: an array or object has a context of its own
                object = object.getParent();
            }
            unknown.add(path(object, propertyName));
            parser.skipChildren();
            return true;
        }

        /** As the API names fields elsewhere: {@code lines[0].quantity}. {@code object} holds the field. */
        private static String path(JsonStreamContext object, String leaf) {
            String path = leaf;
            for (JsonStreamContext at = object.getParent(); at != null && !at.inRoot(); at = at.getParent()) {
                String joint = path.startsWith("[") ? "" : ".";
                path = (at.inArray() ? "[" + at.getCurrentIndex() + "]" : at.getCurrentName()) + joint + path;
            }
            return path;
        }
    }
}
