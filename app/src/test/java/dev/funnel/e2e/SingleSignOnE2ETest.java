package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.funnel.testsupport.TestDatabaseSession;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on as an IT department sets it up, with environment variables on the production jar: the company
 * directory (an LDAP server in the test) and an OpenID Connect provider (a Keycloak-shaped one in the test).
 * People are created at their first sign-in with the roles their groups map to, kept in step at every sign-in,
 * refused with a reason when no group gives a role, and the local administrator signs in whatever the directory
 * does.
 */
class SingleSignOnE2ETest {

    static final String ADMIN = "admin:" + TestDatabaseSession.ADMIN_PASSWORD;
    static final String database = "funnel_sso_" + Long.toHexString(System.nanoTime());
    static InMemoryDirectoryServer directory;
    static FakeOpenIdProvider provider;
    static RunningApp app;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=funnel,dc=test");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                port, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=funnel,dc=test", "objectClass: domain", "dc: funnel");
        directory.add("dn: ou=people,dc=funnel,dc=test", "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups,dc=funnel,dc=test", "objectClass: organizationalUnit", "ou: groups");
        person("li.lei", "李雷", "Li Lei", "secret-li");
        person("han.meimei", "韩梅梅", "Han Meimei", "secret-han");
        person("guest", "Guest", "Guest", "secret-guest");
        person("zhou.jie", "周杰", "Zhou Jie", "secret-zhou");
        group("sales-managers", "li.lei");
        group("sales", "li.lei", "han.meimei");
        group("canteen", "guest");
        group("field-sales", "zhou.jie");
        directory.startListening();

        provider = new FakeOpenIdProvider();
        app = RunningApp.start(Map.ofEntries(
                Map.entry("FUNNEL_DB_URL", TestDatabaseSession.serverUrl() + database),
                Map.entry("FUNNEL_DB_USER", TestDatabaseSession.user()),
                Map.entry("FUNNEL_DB_PASSWORD", TestDatabaseSession.password()),
                Map.entry("FUNNEL_ADMIN_PASSWORD", TestDatabaseSession.ADMIN_PASSWORD),
                Map.entry("FUNNEL_SCHEDULER_ENABLED", "false"), Map.entry("FUNNEL_AUTOMATION_CRON", "-"),
                Map.entry("FUNNEL_LDAP_URL", "ldap://127.0.0.1:" + port + "/dc=funnel,dc=test"),
                Map.entry("FUNNEL_LDAP_USER_DN_PATTERN", "uid={0},ou=people"),
                Map.entry("FUNNEL_LDAP_GROUP_SEARCH_BASE", "ou=groups"),
                Map.entry("FUNNEL_LDAP_ROLES", "SALES_MANAGER=Sales-Managers;SALES_REP=sales,field-sales"),
                Map.entry("FUNNEL_OIDC_ISSUER", provider.issuer()),
                Map.entry("FUNNEL_OIDC_CLIENT_ID", FakeOpenIdProvider.CLIENT_ID),
                Map.entry("FUNNEL_OIDC_CLIENT_SECRET", FakeOpenIdProvider.CLIENT_SECRET),
                Map.entry("FUNNEL_OIDC_GROUPS_CLAIM", "realm_access.roles"),
                Map.entry("FUNNEL_OIDC_ROLES", "SALES_REP=funnel-rep;ADMIN=funnel-admin"),
                Map.entry("FUNNEL_OIDC_LABEL", "Keycloak")));
        app.awaitReady(Duration.ofMinutes(3));
    }

    private static void person(String uid, String displayName, String cn, String password) throws Exception {
        directory.add("dn: uid=" + uid + ",ou=people,dc=funnel,dc=test", "objectClass: inetOrgPerson",
                "uid: " + uid, "cn: " + cn, "sn: " + cn.substring(cn.indexOf(' ') + 1),
                "displayName: " + displayName, "mail: " + uid + "@funnel.test", "userPassword: " + password);
    }

    private static void group(String name, String... members) throws Exception {
        List<String> entry = new ArrayList<>(List.of("dn: cn=" + name + ",ou=groups,dc=funnel,dc=test",
                "objectClass: groupOfNames", "cn: " + name));
        for (String member : members) {
            entry.add("member: uid=" + member + ",ou=people,dc=funnel,dc=test");
        }
        directory.add(entry.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (directory != null) {
            directory.shutDown(true);
        }
        TestDatabaseSession.drop(database);
    }

    @Test
    void a_directory_user_is_created_at_first_sign_in_with_the_roles_of_their_groups_and_kept_in_step()
            throws Exception {
        HttpResponse<String> me = get("/api/v1/me", "li.lei:secret-li");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"li.lei\"", "\"fullName\":\"李雷\"",
                "\"email\":\"li.lei@funnel.test\"", "\"signInSource\":\"DIRECTORY\"", "SALES_MANAGER", "SALES_REP");

        assertThat(get("/api/v1/me", "li.lei:wrong").statusCode()).isEqualTo(401);

        // leaving a group takes effect at the next sign-in, and the trail says where the change came from
        directory.modify("cn=sales-managers,ou=groups,dc=funnel,dc=test",
                new Modification(ModificationType.DELETE, "member", "uid=li.lei,ou=people,dc=funnel,dc=test"));
        HttpResponse<String> after = get("/api/v1/me", "li.lei:secret-li");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("SALES_REP").doesNotContain("SALES_MANAGER");
        assertThat(rows("select count(*) from app_user where lower(username) = 'li.lei'")).isEqualTo(1);
        assertThat(rows("select count(*) from app_user where username = 'li.lei' and external_id like 'entryUUID:%'"))
                .as("known by the id the directory never changes, not by a name it may give someone else")
                .isEqualTo(1);

        HttpResponse<String> trail = get("/api/v1/admin/audit?actor=li.lei&size=50", ADMIN);
        assertThat(trail.body()).contains("\"action\":\"user.created\"", "at first sign-in with the directory",
                "\"action\":\"user.changed\"", "sales_manager, sales_rep -> sales_rep",
                "from their groups at sign-in");
    }

    @Test
    void someone_whose_groups_give_no_role_is_told_so_and_gets_no_account() throws Exception {
        HttpResponse<String> refused = get("/api/v1/me", "guest:secret-guest", "zh-CN");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"no_role\"", "所在的组均未对应");
        assertThat(rows("select count(*) from app_user where username = 'guest'")).isZero();
    }

    @Test
    void someone_who_left_every_mapped_group_is_refused_and_keeps_no_role_in_funnel() throws Exception {
        assertThat(get("/api/v1/me", "zhou.jie:secret-zhou").statusCode()).isEqualTo(200);
        directory.modify("cn=field-sales,ou=groups,dc=funnel,dc=test",
                new Modification(ModificationType.DELETE, "member", "uid=zhou.jie,ou=people,dc=funnel,dc=test"));

        HttpResponse<String> refused = get("/api/v1/me", "zhou.jie:secret-zhou");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"no_role\"");
        assertThat(rows("select count(*) from user_role r join app_user u on u.id = r.user_id "
                + "where u.username = 'zhou.jie'")).as("the role the group gave is taken away").isZero();
        assertThat(get("/api/v1/admin/audit?actor=zhou.jie&size=50", ADMIN).body())
                .contains("\"action\":\"user.changed\"", "sales_rep -> none", "\"action\":\"sign-in.failed\"",
                        "AccountWithoutRoleException");
    }

    @Test
    void while_the_directory_is_down_its_users_get_503_and_the_local_administrator_still_signs_in()
            throws Exception {
        assertThat(get("/api/v1/me", "han.meimei:secret-han").statusCode()).isEqualTo(200);
        directory.shutDown(false);
        try {
            HttpResponse<String> down = get("/api/v1/me", "han.meimei:secret-han");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.body()).contains("\"code\":\"directory_unavailable\"");
            assertThat(get("/api/v1/me", ADMIN).statusCode()).isEqualTo(200);
        } finally {
            directory.startListening();
        }
        assertThat(get("/api/v1/me", "han.meimei:secret-han").statusCode()).isEqualTo(200);
    }

    @Test
    void a_keycloak_user_signs_in_through_the_provider_and_gets_the_role_of_their_realm_roles() throws Exception {
        provider.signsIn(new FakeOpenIdProvider.Person("8c1f-wang", "wang.fang", "王芳", "wang.fang@funnel.test",
                List.of("offline_access", "funnel-rep")));
        String landing = signInThroughProvider();
        assertThat(landing).as(provider.refusals.toString()).doesNotContain("error").endsWith("/");

        try (Connection db = connect(); ResultSet user = db.createStatement().executeQuery(
                "select u.full_name, u.email, u.sign_in_source, u.external_id, u.password_hash, r.role "
                        + "from app_user u join user_role r on r.user_id = u.id where u.username = 'wang.fang'")) {
            assertThat(user.next()).isTrue();
            assertThat(user.getString(1)).isEqualTo("王芳");
            assertThat(user.getString(2)).isEqualTo("wang.fang@funnel.test");
            assertThat(user.getString(3)).isEqualTo("OIDC");
            assertThat(user.getString(4)).isEqualTo(provider.issuer() + " 8c1f-wang");
            assertThat(user.getString(5)).as("no Funnel password").isEmpty();
            assertThat(user.getString(6)).isEqualTo("SALES_REP");
            assertThat(user.next()).isFalse();
        }
        assertThat(get("/api/v1/admin/audit?actor=wang.fang&size=50", ADMIN).body())
                .contains("\"action\":\"sign-in.succeeded\"", "at first sign-in with single sign-on");
        assertThat(get("/api/v1/me", "wang.fang:").statusCode())
                .as("a single sign-on account has no password to guess").isEqualTo(401);

        // the second sign-in finds the same account by the provider's subject
        signInThroughProvider();
        assertThat(rows("select count(*) from app_user where username = 'wang.fang'")).isEqualTo(1);
    }

    @Test
    void a_provider_user_without_a_mapped_role_comes_back_to_the_login_page_with_an_error() throws Exception {
        provider.signsIn(new FakeOpenIdProvider.Person("77-zhao", "zhao.lei", "赵雷", "zhao@funnel.test",
                List.of("offline_access")));
        assertThat(signInThroughProvider()).endsWith("/login?error");
        assertThat(rows("select count(*) from app_user where username = 'zhao.lei'")).isZero();
        assertThat(get("/api/v1/admin/audit?actor=zhao.lei&size=50", ADMIN).body())
                .as("a refused single sign-on is in the trail under the name the provider gave")
                .contains("\"action\":\"sign-in.failed\"", "AccountWithoutRoleException");
    }

    @Test
    void a_provider_user_cannot_take_over_a_local_account_by_its_name() throws Exception {
        provider.signsIn(new FakeOpenIdProvider.Person("99-admin", "admin", "Mallory", "m@evil.test",
                List.of("funnel-admin")));
        assertThat(signInThroughProvider()).endsWith("/login?error");
        assertThat(rows("select count(*) from app_user where username = 'admin' and sign_in_source = 'LOCAL'"))
                .isEqualTo(1);
        assertThat(get("/api/v1/me", ADMIN).statusCode()).isEqualTo(200);
    }

    /** The browser's round trip: Funnel → the provider's page → back with a code; where Funnel sends it last. */
    private String signInThroughProvider() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                + "/oauth2/authorization/oidc")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String toProvider = start.headers().firstValue("Location").orElseThrow();
        assertThat(toProvider).startsWith(provider.issuer()).contains("client_id=funnel", "nonce=");

        HttpResponse<String> atProvider = browser.send(HttpRequest.newBuilder(URI.create(toProvider)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).as(provider.refusals.toString()).isEqualTo(302);
        String back = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(app.baseUrl() + "/login/oauth2/code/oidc?code=");

        HttpResponse<String> done = browser.send(HttpRequest.newBuilder(URI.create(back)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        return done.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        return get(path, credentials, "en");
    }

    private HttpResponse<String> get(String path, String credentials, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept-Language", language)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestDatabaseSession.serverUrl() + database, TestDatabaseSession.user(),
                TestDatabaseSession.password());
    }

    private static long rows(String sql) throws Exception {
        try (Connection db = connect(); ResultSet count = db.createStatement().executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }
}
