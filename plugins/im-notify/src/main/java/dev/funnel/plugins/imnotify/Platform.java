package dev.funnel.plugins.imnotify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three group-robot APIs: how a message is written for each, how it is signed, and what their answers mean.
 * Each follows its platform's documentation of custom robots (webhook robots):
 * <ul>
 *   <li>WeCom (企业微信): the robot's address carries its {@code key}; a markdown message of at most 4,096 bytes;
 *       20 messages a minute.</li>
 *   <li>DingTalk (钉钉) with the "sign" security setting: {@code timestamp} (milliseconds) and
 *       {@code sign} = URL-encoded Base64 of HmacSHA256 with the secret as key over
 *       {@code timestamp + "\n" + secret}, added to the address; a markdown message; 20 messages a minute.</li>
 *   <li>Feishu (飞书) with signature verification: {@code timestamp} (seconds) and {@code sign} = Base64 of
 *       HmacSHA256 with {@code timestamp + "\n" + secret} as key over nothing, in the body; a rich-text
 *       ("post") message.</li>
 * </ul>
 */
enum Platform {
    WECOM("wecom", Set.of(45009)),
    DINGTALK("dingtalk", Set.of(130101, 410100)),
    FEISHU("feishu", Set.of(9499, 11232));

    /** WeCom refuses longer markdown content. */
    static final int WECOM_MAX_BYTES = 4096;

    private final String code;
    /** The answers that mean "too many messages, slow down" rather than "this will never work". */
    private final Set<Integer> tooFast;

    Platform(String code, Set<Integer> tooFast) {
        this.code = code;
        this.tooFast = tooFast;
    }

    String code() {
        return code;
    }

    static Platform of(String code) {
        for (Platform platform : values()) {
            if (platform.code.equals(code)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("no such platform: " + code);
    }

    boolean tooFast(int answer) {
        return tooFast.contains(answer);
    }

    /** Where to post: DingTalk's signature goes into the address. */
    URI address(String url, String secret, Instant now) {
        if (this != DINGTALK || secret == null || secret.isBlank()) {
            return URI.create(url);
        }
        String timestamp = Long.toString(now.toEpochMilli());
        String sign = Base64.getEncoder().encodeToString(hmac(secret, timestamp + "\n" + secret));
        return URI.create(url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                + URLEncoder.encode(sign, StandardCharsets.UTF_8));
    }

    /** The body of one message: a title, the text, and a link back to Funnel (or null). */
    String body(Message message, String secret, Instant now) {
        return switch (this) {
            case WECOM -> "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":"
                    + Json.string(fit(markdown(message), WECOM_MAX_BYTES)) + "}}";
            case DINGTALK -> "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":" + Json.string(message.title())
                    + ",\"text\":" + Json.string(markdown(message)) + "}}";
            case FEISHU -> feishu(message, secret, now);
        };
    }

    private static String markdown(Message message) {
        String text = "**" + message.title() + "**\n\n" + message.text();
        return message.link() == null ? text : text + "\n\n[" + message.linkLabel() + "](" + message.link() + ")";
    }

    private static String feishu(Message message, String secret, Instant now) {
        StringBuilder json = new StringBuilder("{");
        if (secret != null && !secret.isBlank()) {
            String timestamp = Long.toString(now.getEpochSecond());
            json.append("\"timestamp\":").append(Json.string(timestamp)).append(",\"sign\":")
                    .append(Json.string(Base64.getEncoder().encodeToString(hmac(timestamp + "\n" + secret, ""))))
                    .append(',');
        }
        String language = message.chinese() ? "zh_cn" : "en_us";
        json.append("\"msg_type\":\"post\",\"content\":{\"post\":{\"").append(language).append("\":{\"title\":")
                .append(Json.string(message.title())).append(",\"content\":[[{\"tag\":\"text\",\"text\":")
                .append(Json.string(message.text())).append('}');
        if (message.link() != null) {
            json.append(",{\"tag\":\"a\",\"text\":").append(Json.string(" " + message.linkLabel()))
                    .append(",\"href\":").append(Json.string(message.link())).append('}');
        }
        return json.append("]]}}}}").toString();
    }

    /** The text cut to fit the bytes, on a character boundary, marked as cut. */
    static String fit(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        String ellipsis = "…";
        int budget = maxBytes - ellipsis.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int point = text.codePointAt(i);
            int bytes = new String(Character.toChars(point)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(point);
            used += bytes;
            i += Character.charCount(point);
        }
        return kept.append(ellipsis).toString();
    }

    static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What a robot's answer says: zero is success on all three; each has its own field for it. */
    static Integer answer(String body) {
        Integer code = Json.number(body, "errcode");
        if (code == null) {
            code = Json.number(body, "code");
        }
        if (code == null) {
            code = Json.number(body, "StatusCode");
        }
        return code;
    }

    static String answerText(String body) {
        String text = Json.text(body, "errmsg");
        return text != null ? text : Json.text(body, "msg");
    }
}
