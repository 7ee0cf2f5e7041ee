package dev.funnel.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider in the test, shaped like Keycloak: discovery, an authorization endpoint that signs
 * in whoever the test says is at the browser, a token endpoint that checks the client's secret (HTTP Basic) and
 * the one-time code, RS256 ID tokens with the realm roles at {@code realm_access.roles}, JWKS and user info.
 */
final class FakeOpenIdProvider implements AutoCloseable {

    record Person(String subject, String username, String name, String email, List<String> roles) {
    }

    private record Grant(Person person, String nonce, String redirectUri) {
    }

    static final String CLIENT_ID = "funnel";
    static final String CLIENT_SECRET = "s3cret-of-the-client";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    /** Every refusal the provider gave, so that a test sees why a flow stopped. */
    final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Person atTheBrowser;

    FakeOpenIdProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/funnel";
        server.createContext("/realms/funnel/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/funnel/protocol/openid-connect/auth", this::authorize);
        server.createContext("/realms/funnel/protocol/openid-connect/token", this::token);
        server.createContext("/realms/funnel/protocol/openid-connect/certs", this::keys);
        server.createContext("/realms/funnel/protocol/openid-connect/userinfo", this::userInfo);
        server.start();
    }

    String issuer() {
        return issuer;
    }

    /** Who signs in at the provider's page next. */
    void signsIn(Person person) {
        atTheBrowser = person;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = issuer + "/protocol/openid-connect";
        json(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/auth\","
                + "\"token_endpoint\":\"" + base + "/token\",\"jwks_uri\":\"" + base + "/certs\","
                + "\"userinfo_endpoint\":\"" + base + "/userinfo\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\",\"email\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !query.getOrDefault("scope", "").contains("openid")) {
            refuse(exchange, 400, "bad authorization request " + query);
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(atTheBrowser, query.get("nonce"), query.get("redirect_uri")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        if (!"POST".equals(exchange.getRequestMethod())
                || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refuse(exchange, 401, "client not authenticated");
            return;
        }
        if (grant == null || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            refuse(exchange, 400, "invalid_grant " + body);
            return;
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.person());
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(grant.person().subject())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", grant.nonce()).claim("azp", CLIENT_ID);
        personClaims(grant.person()).forEach(claims::claim);
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            idToken.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        json(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":300,\"id_token\":\"" + idToken.serialize() + "\"}");
    }

    private static Map<String, Object> personClaims(Person person) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", person.username());
        claims.put("name", person.name());
        claims.put("email", person.email());
        claims.put("realm_access", Map.of("roles", person.roles()));
        return claims;
    }

    private void keys(HttpExchange exchange) throws IOException {
        json(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
    }

    private void userInfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Person person = authorization == null ? null : accessTokens.get(authorization.replace("Bearer ", ""));
        if (person == null) {
            refuse(exchange, 401, "unknown access token");
            return;
        }
        Map<String, Object> claims = personClaims(person);
        claims.put("sub", person.subject());
        json(exchange, 200, com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims));
    }

    private void refuse(HttpExchange exchange, int status, String why) throws IOException {
        refusals.add(why);
        json(exchange, status, "{\"error\":\"" + (status == 401 ? "invalid_client" : "invalid_request") + "\"}");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&", -1)) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
