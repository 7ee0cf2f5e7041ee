package dev.funnel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class OffsetDateTimeJsonTest {

    /** A bean as the API writes them: Jackson makes each property's serializer for that property. */
    record Stamped(String name, OffsetDateTime at) {
    }

    record Dated(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd HH:mm") OffsetDateTime at) {
    }

    /** As Spring Boot builds the API's mapper: its defaults, application.properties, then this customizer. */
    private static ObjectMapper apiMapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new JsonSettings().fastOffsetDateTimes().customize(builder);
        return builder.build();
    }

    /** Jackson's own serializer, with the same settings. */
    private static ObjectMapper jacksonsOwn() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void writesEveryTimestampAsJacksonsOwnSerializerDoes() throws Exception {
        Random random = new Random(20261207);
        List<OffsetDateTime> values = new ArrayList<>(List.of(
                OffsetDateTime.of(2026, 12, 3, 14, 1, 2, 661_152_000, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 100_000_000, ZoneOffset.ofHours(8)),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-3, -30)),
                OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 999_999_999, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)),
                OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.MAX),
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-1, 6, 15, 8, 30, 0, 0, ZoneOffset.MIN)));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
            values.add(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(second, nanos), offset));
        }
        ObjectMapper api = apiMapper();
        ObjectMapper jackson = jacksonsOwn();
        for (OffsetDateTime value : values) {
            assertThat(api.writeValueAsString(new Stamped("deal", value)))
                    .as("%s", value).isEqualTo(jackson.writeValueAsString(new Stamped("deal", value)));
            assertThat(api.writeValueAsString(Map.of("at", value)))
                    .as("%s", value).isEqualTo(jackson.writeValueAsString(Map.of("at", value)));
        }
        assertThat(api.writeValueAsString(values.get(0))).isEqualTo("\"2026-12-03T14:01:02.661152Z\"");
    }

    @Test
    void everyPropertyOfABeanIsWrittenByTheFastSerializer() throws Exception {
        ObjectMapper api = apiMapper();
        var bean = (com.fasterxml.jackson.databind.ser.BeanSerializer) api.getSerializerProviderInstance()
                .findValueSerializer(Stamped.class);
        var property = (com.fasterxml.jackson.databind.ser.BeanPropertyWriter) java.util.stream.StreamSupport
                .stream(java.util.Spliterators.spliteratorUnknownSize(bean.properties(), 0), false)
                .filter(p -> p.getName().equals("at")).findFirst().orElseThrow();
        assertThat(property.getSerializer()).isInstanceOf(OffsetDateTimeJson.class);
    }

    @Test
    void aPropertysOwnFormatIsJacksons() throws Exception {
        Dated value = new Dated(OffsetDateTime.of(2026, 12, 3, 14, 1, 2, 0, ZoneOffset.UTC));
        assertThat(apiMapper().writeValueAsString(value)).isEqualTo(jacksonsOwn().writeValueAsString(value))
                .isEqualTo("{\"at\":\"2026-12-03 14:01\"}");
    }

    @Test
    void aMapperWithATimeZoneOfItsOwnGetsJacksonsConversion() throws Exception {
        ObjectMapper api = apiMapper().setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
        ObjectMapper jackson = jacksonsOwn().setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
        OffsetDateTime value = OffsetDateTime.of(2026, 12, 3, 14, 1, 2, 0, ZoneOffset.UTC);
        assertThat(api.writeValueAsString(value)).isEqualTo(jackson.writeValueAsString(value))
                .isEqualTo("\"2026-12-03T22:01:02+08:00\"");
    }

    @Test
    void timestampsAsNumbersStayJacksons() throws Exception {
        ObjectMapper api = apiMapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        OffsetDateTime value = OffsetDateTime.of(2026, 12, 3, 14, 1, 2, 500_000_000, ZoneOffset.UTC);
        assertThat(api.writeValueAsString(value)).isEqualTo(jacksonsOwn()
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(value));
    }
}
