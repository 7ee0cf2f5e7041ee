package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.testsupport.TestDatabaseSession;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Funnel serving HTTPS itself from a PKCS12 keystore, as docs/operations.md describes: the certificate is the
 * configured one, and over HTTPS the session cookie is Secure and HSTS is sent.
 */
class TlsE2ETest {

    static final String PASSWORD = "changeit-e2e";

    final String database = "funnel_tls_" + Long.toHexString(System.nanoTime());
    RunningApp app;

    @Test
    void funnel_serves_https_from_its_keystore_with_secure_cookies_and_hsts() throws Exception {
        Path keystore = Files.createTempDirectory("funnel-tls").resolve("funnel.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "funnel", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        app = RunningApp.start(Map.of("FUNNEL_DB_URL", TestDatabaseSession.serverUrl() + database,
                "FUNNEL_DB_USER", TestDatabaseSession.user(), "FUNNEL_DB_PASSWORD", TestDatabaseSession.password(),
                "FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD,
                "FUNNEL_SCHEDULER_ENABLED", "false", "FUNNEL_AUTOMATION_CRON", "-",
                "FUNNEL_TLS_ENABLED", "true", "FUNNEL_TLS_KEYSTORE", keystore.toString(),
                "FUNNEL_TLS_KEYSTORE_PASSWORD", PASSWORD), List.of());
        // trusts exactly the configured certificate, with the host name checked
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
        String base = "https://localhost:" + app.port;

        HttpResponse<String> login = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                login = https.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (login.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }

        assertThat(login).isNotNull();
        assertThat(login.statusCode()).as(app.output()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts ->
                assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
        assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        TestDatabaseSession.drop(database);
    }
}
