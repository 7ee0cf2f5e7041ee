package dev.funnel.plugins.companyregistry;

import dev.funnel.plugin.api.CompanyInfo;
import dev.funnel.plugin.api.CompanyInfoProvider;
import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.OutboundRequest;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.PluginContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * A business registry reached through a 企查查-style HTTP API: {@code GET <base>/ECIV4/GetBasicDetailsByName} with
 * {@code key} and {@code keyword} (a name or a credit code), authenticated by the headers {@code Timespan} (seconds
 * since 1970) and {@code Token} = upper-case hex MD5 of key + Timespan + secret key. The answer's {@code Status} is
 * {@code "200"} with the company in {@code Result}, {@code "201"} when the registry knows none, anything else an
 * error worded in {@code Message}.
 */
@Extension
public class RegistryApi implements CompanyInfoProvider, ContextAware {

    /** Under the host's guard, which allows the look-up a few seconds at most. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern CAPITAL = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(万)?\\s*(.*)");
    private static final Map<String, String> CURRENCIES = Map.of("人民币", "CNY", "美元", "USD", "港元", "HKD",
            "港币", "HKD", "欧元", "EUR", "日元", "JPY", "英镑", "GBP");

    private final Clock clock;
    private volatile PluginContext context;

    public RegistryApi() {
        this(Clock.systemUTC());
    }

    RegistryApi(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void attach(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "registry-api";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("Business registry", "工商信息");
    }

    /** Ready once administrators entered the service's address and keys. */
    @Override
    public boolean ready() {
        PluginContext host = context;
        return host != null && !host.records(RegistrySettings.SERVICE).isEmpty();
    }

    @Override
    public List<CompanyInfo> lookUp(String nameOrCreditCode) throws IOException {
        PluginContext host = context;
        Map<String, String> service = host == null ? null
                : host.records(RegistrySettings.SERVICE).stream().findFirst().orElse(null);
        if (service == null) {
            throw new IllegalStateException("no registry service is set up (Admin › Plugins › company-registry)");
        }
        String base = service.get(RegistrySettings.BASE_URL).replaceAll("/+$", "");
        String key = service.get(RegistrySettings.KEY);
        String timespan = Long.toString(clock.instant().getEpochSecond());
        URI uri = URI.create(base + "/ECIV4/GetBasicDetailsByName?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&keyword=" + URLEncoder.encode(nameOrCreditCode, StandardCharsets.UTF_8));
        OutboundResponse response = host.http().send(new OutboundRequest("GET", uri, Map.of(
                "Timespan", timespan, "Token", token(key, timespan, service.get(RegistrySettings.SECRET)),
                "Accept", "application/json"), null, TIMEOUT));
        if (response.status() < 200 || response.status() >= 300) {
            throw new IOException("the registry answered HTTP " + response.status());
        }
        Object parsed = Json.parse(new String(response.body(), StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> answer)) {
            throw new IOException("the registry's answer is not an object");
        }
        String status = String.valueOf(answer.get("Status"));
        if ("201".equals(status)) {
            return List.of();
        }
        if (!"200".equals(status)) {
            throw new IOException("the registry refused: " + status + " " + answer.get("Message"));
        }
        Object result = answer.get("Result");
        if (result instanceof List<?> many) {
            return many.stream().filter(Map.class::isInstance).map(r -> company((Map<?, ?>) r)).toList();
        }
        return result instanceof Map<?, ?> one ? List.of(company(one)) : List.of();
    }

    static String token(String key, String timespan, String secret) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5")
                    .digest((key + timespan + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static CompanyInfo company(Map<?, ?> r) {
        String capital = text(r, "RegistCapi");
        BigDecimal amount = null;
        String currency = null;
        if (capital != null) {
            Matcher m = CAPITAL.matcher(capital.replace(",", "").trim());
            if (m.matches()) {
                amount = new BigDecimal(m.group(1));
                if (m.group(2) != null) {
                    amount = amount.multiply(BigDecimal.valueOf(10_000));
                }
                String unit = m.group(3).replace("元", "").trim();
                currency = unit.isEmpty() ? "CNY" : CURRENCIES.entrySet().stream()
                        .filter(e -> unit.contains(e.getKey().replace("元", ""))).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
                if (currency == null) {
                    amount = null; // a currency we cannot name is better left out than guessed
                }
            }
        }
        return new CompanyInfo(text(r, "Name"), upper(text(r, "CreditCode")), text(r, "OperName"),
                amount == null ? null : amount.stripTrailingZeros(), currency, date(text(r, "StartDate")),
                text(r, "Status"), text(r, "Address"));
    }

    private static String text(Map<?, ?> r, String field) {
        Object value = r.get(field);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** 2015-03-12, or 2015-03-12 00:00:00 as some registries write it. */
    private static LocalDate date(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
