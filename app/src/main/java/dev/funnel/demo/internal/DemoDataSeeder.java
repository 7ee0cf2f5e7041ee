package dev.funnel.demo.internal;

import dev.funnel.platform.AppSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import dev.funnel.scoring.ScoringService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With FUNNEL_DEMO=true, fills an empty database with the demo company that {@link DemoPlanner} plans, stored by
 * {@link DemoCompany} through the modules' own services.
 *
 * <p>It runs once, after the administrator bootstrap, as the administrator and in one transaction: it does nothing
 * when the demo data is already there (the {@value #SEEDED_AT_KEY} setting) or when the database holds anything
 * but the administrator, so that it can never mix invented deals into a real company's data.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "funnel.demo", havingValue = "true")
public class DemoDataSeeder implements ApplicationRunner {

    /** The app_setting key that records when the demo data was seeded. */
    public static final String SEEDED_AT_KEY = "demo.seeded-at";

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final String ADMIN_USERNAME = "admin";
    private static final String DEFAULT_PASSWORD = "demo";
    /** The bundled scorer that learns; the demo trains it and makes it the deals' win probability. */
    private static final String WIN_PROBABILITY = "win-probability";

    private final AppSettings settings;
    private final DemoSession session;
    private final DemoCompany company;
    private final TransactionTemplate transaction;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String password;
    private final org.springframework.beans.factory.ObjectProvider<ScoringService> scoring;

    DemoDataSeeder(AppSettings settings, DemoSession session, DemoCompany company, TransactionTemplate transaction, PasswordEncoder passwordEncoder, Clock clock,
                   @Value("${funnel.demo-password:demo}") String password,
                   org.springframework.beans.factory.ObjectProvider<ScoringService> scoring) {
        this.scoring = scoring;
        this.settings = settings;
        this.session = session;
        this.company = company;
        this.transaction = transaction;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.password = password == null || password.isBlank() ? DEFAULT_PASSWORD : password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.get(SEEDED_AT_KEY).isPresent()) {
            log.info("Demo data already present");
            return;
        }
        long started = System.nanoTime();
        DemoCompany.Stored stored = transaction.execute(status -> session.as(ADMIN_USERNAME, this::seed));
        if (stored == null) {
            log.warn("FUNNEL_DEMO is set but the database already holds data; "
                    + "demo data is seeded only into an empty database");
            return;
        }
        log.info("Seeded demo data in {} ms: {} users in {} teams, pipeline {} with {} stages, {} customers ({} in "
                        + "the pool) with {} contacts, {} opportunities ({} won, {} lost, {} open) with {} stage "
                        + "changes, {} follow-ups, {} tasks ({} done), {} orders with {} payments, {} service "
                        + "requests, {} targets. Sign in as {}, {} or rep01 to rep12 with {}",
                (System.nanoTime() - started) / 1_000_000, stored.users(), stored.teams(),
                DemoPlanner.PIPELINE_NAME, DemoPlanner.STAGES.size(), stored.customers(), stored.inPool(),
                stored.contacts(), stored.deals(), stored.won(), stored.lost(),
                stored.deals() - stored.won() - stored.lost(), stored.stageChanges(), stored.followUps(),
                stored.tasks(), stored.tasksDone(), stored.orders(), stored.payments(), stored.serviceRequests(),
                stored.targets(), DemoPlanner.DIRECTOR.username(),
                String.join(", ", Arrays.stream(DemoPlanner.Region.values()).map(r -> r.manager.username()).toList()),
                DEFAULT_PASSWORD.equals(password) ? "the password '" + DEFAULT_PASSWORD + "'"
                        : "the password set in FUNNEL_DEMO_PASSWORD");
        learnWinProbabilities();
    }

    /**
     * Trains the bundled win-probability scorer on the demo's closed deals and makes it the deals' win
     * probability, as an administrator would on day one, so that the demo shows scores, their reasons and the
     * forecast range. Without the plugin, or when training fails, the demo goes on without.
     */
    private void learnWinProbabilities() {
        ScoringService service = scoring.getIfAvailable();
        if (service == null) {
            return;
        }
        try {
            session.as(ADMIN_USERNAME, () -> {
                boolean offered = service.scorers(java.util.Locale.ENGLISH).stream()
                        .anyMatch(s -> WIN_PROBABILITY.equals(s.id()));
                if (!offered) {
                    return null;
                }
                var trained = service.train(WIN_PROBABILITY, java.util.Locale.ENGLISH);
                if (trained.trainingFailure() == null) {
                    service.choosePrimary(WIN_PROBABILITY);
                    // now rather than in the background: the deals carry their probability once the demo is up
                    service.rescoreAll();
                    log.info("Trained the demo's {} model on {} snapshots of closed deals; it gives the deals' "
                            + "win probability", WIN_PROBABILITY, trained.model().examples());
                } else {
                    log.warn("The demo's {} model could not be trained: {}", WIN_PROBABILITY,
                            trained.trainingFailure());
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("The demo goes on without learned win probabilities: {}", e.toString());
        }
    }

    /** As the administrator, inside the transaction: the company, or null when the database is not empty. */
    private DemoCompany.Stored seed() {
        if (company.holdsOtherData()) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(DemoPlanner.ZONE)).truncatedTo(ChronoUnit.SECONDS);
        // no date may lie after the services' own today, where their clock's day starts later than Shanghai's
        LocalDate today = now.toLocalDate();
        LocalDate servicesToday = LocalDate.now(clock);
        DemoPlan plan = DemoPlanner.plan(now, today.isAfter(servicesToday) ? servicesToday : today, clock.getZone(),
                company.protectionDays(), passwordEncoder.encode(password));
        DemoCompany.Stored stored = company.store(plan, ADMIN_USERNAME);
        settings.put(SEEDED_AT_KEY, DemoPlanner.stamp(now));
        return stored;
    }
}
