package dev.funnel.plugins.webhooks;

import dev.funnel.plugin.api.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a delivery, written by hand (the plugin brings no JSON library):
 * <pre>{"id":"…","type":"opportunity.won","occurredAt":"…","sentAt":"…","subjectId":42,"actorId":7,
 * "data":{"amount":"90000.00",…}}</pre>
 */
final class EventJson {

    private static final String DATA = "data.";

    private EventJson() {
    }

    static String of(String deliveryId, DomainEvent event, Instant sentAt) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "id", deliveryId).append(',');
        field(json, "type", event.type()).append(',');
        field(json, "occurredAt", event.occurredAt().toString()).append(',');
        field(json, "sentAt", sentAt.toString()).append(',');
        json.append("\"subjectId\":").append(event.subjectId()).append(',');
        json.append("\"actorId\":").append(event.actorId() == null ? "null" : event.actorId().toString()).append(',');
        json.append("\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(event.data()).entrySet()) {
            if (!first) {
                json.append(',');
            }
            field(json, entry.getKey(), entry.getValue());
            first = false;
        }
        return json.append("}}").toString();
    }

    /** The event as the strings of a queued delivery's payload; {@link #event} reads them back. */
    static Map<String, String> fields(DomainEvent event) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("type", event.type());
        fields.put("occurredAt", event.occurredAt().toString());
        fields.put("subjectId", Long.toString(event.subjectId()));
        if (event.actorId() != null) {
            fields.put("actorId", event.actorId().toString());
        }
        fields.put("eventId", event.id());
        event.data().forEach((key, value) -> {
            if (value != null) {
                fields.put(DATA + key, value);
            }
        });
        return fields;
    }

    static DomainEvent event(Map<String, String> fields) {
        Map<String, String> data = new java.util.HashMap<>();
        fields.forEach((key, value) -> {
            if (key.startsWith(DATA)) {
                data.put(key.substring(DATA.length()), value);
            }
        });
        String actor = fields.get("actorId");
        return new DomainEvent(fields.get("type"), Instant.parse(fields.get("occurredAt")),
                Long.parseLong(fields.get("subjectId")), actor == null ? null : Long.valueOf(actor), data,
                fields.get("eventId"));
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    private static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
