package dev.funnel.plugins.imnotify;

import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.DeliveryHandler;
import dev.funnel.plugin.api.DeliveryOutcome;
import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.DomainEventListener;
import dev.funnel.plugin.api.OutboundRequest;
import dev.funnel.plugin.api.OutboundResponse;
import dev.funnel.plugin.api.PluginContext;
import dev.funnel.plugin.api.RefusedDestinationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;

/**
 * Posts the notifications a robot's administrators chose to its group: the automation's reminders of stalled deals
 * and overdue tasks, registration requests, and won deals, for people of the robot's team or a team below it, in
 * the robot's language, each with a link back to Funnel.
 *
 * <p>{@link #onEvent} writes the message and queues one delivery per robot with the host, keyed by the event's id
 * and the robot, so an event heard twice is posted once and a waiting delivery survives a restart. The host calls
 * {@link #deliver} per attempt and logs each outcome. The robots allow 20 messages a minute: a robot that had as many
 * in the last minute waits, and so does one whose platform answers "too fast". A refused signature or key is given
 * up at once (it will not get better by waiting) and shows in the log; a network failure is tried again after 1, 2,
 * 4, 8 and 16 seconds. Posts go through the host's HTTP, so the host's address safety applies.
 */
@Extension
public class GroupRobots implements DomainEventListener, DeliveryHandler, ContextAware {

    static final int MAX_ATTEMPTS = 6;
    static final int PER_MINUTE = 20;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    private final Duration firstPause;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recentSends = new ConcurrentHashMap<>();
    private volatile PluginContext context;

    public GroupRobots() {
        this(Duration.ofSeconds(1), Clock.systemUTC());
    }

    GroupRobots(Duration firstPause, Clock clock) {
        this.firstPause = firstPause;
        this.clock = clock;
    }

    @Override
    public void attach(PluginContext context) {
        this.context = context;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(DomainEvent.NOTIFICATION_CREATED, DomainEvent.OPPORTUNITY_WON);
    }

    @Override
    public void onEvent(DomainEvent event) {
        PluginContext host = context;
        String topic = topicOf(event);
        if (host == null || topic == null) {
            return;
        }
        for (Map<String, String> values : host.records(RobotSettings.ROBOT)) {
            Robot robot;
            try {
                robot = Robot.of(values);
            } catch (IllegalArgumentException e) {
                continue; // a record saved before validation existed; the settings page shows its problem
            }
            if (robot.topics().contains(topic) && robot.covers(event.data()) && robot.url() != null) {
                Message message = Messages.of(topic, event, robot.chinese());
                Map<String, String> payload = new LinkedHashMap<>();
                payload.put("title", message.title());
                payload.put("text", message.text());
                payload.put("chinese", Boolean.toString(message.chinese()));
                if (message.link() != null) {
                    payload.put("link", message.link());
                    payload.put("linkLabel", message.linkLabel());
                }
                host.enqueue(new Delivery(event.id() + "@" + fingerprint(robot.url()),
                        topic + " #" + event.subjectId(), robot.url(), payload));
            }
        }
    }

    /** Which of the robots' topics the event belongs to, or null for none. */
    static String topicOf(DomainEvent event) {
        if (DomainEvent.OPPORTUNITY_WON.equals(event.type())) {
            return RobotSettings.WON_DEALS;
        }
        String kind = event.data().getOrDefault("kind", "");
        if (kind.startsWith("notification.rule.stalled-deal")) {
            return RobotSettings.STALLED_DEALS;
        }
        if (kind.startsWith("notification.rule.task-overdue")) {
            return RobotSettings.OVERDUE_TASKS;
        }
        if (kind.startsWith("notification.registration.") || kind.startsWith("notification.rule.registration")) {
            return RobotSettings.REGISTRATIONS;
        }
        return null;
    }

    @Override
    public DeliveryOutcome deliver(Delivery delivery, int attempt) {
        PluginContext host = context;
        Robot robot = host == null ? null : host.records(RobotSettings.ROBOT).stream()
                .filter(values -> delivery.destination().equals(values.get(RobotSettings.URL)))
                .map(Robot::of).findFirst().orElse(null);
        if (robot == null) {
            return DeliveryOutcome.failed(null, "the robot was removed");
        }
        Instant now = clock.instant();
        Duration wait = untilRoom(delivery.destination(), now);
        if (!wait.isZero()) {
            return DeliveryOutcome.retry(wait, null, "20 messages in the last minute: waiting for the robot's limit");
        }
        Map<String, String> p = delivery.payload();
        Message message = new Message(p.get("title"), p.get("text"), p.get("link"), p.get("linkLabel"),
                Boolean.parseBoolean(p.get("chinese")));
        byte[] body = robot.platform().body(message, robot.secret(), now).getBytes(StandardCharsets.UTF_8);
        Integer code = null;
        String problem;
        try {
            sent(delivery.destination(), now);
            OutboundResponse response = host.http().send(OutboundRequest.post(
                    robot.platform().address(robot.url(), robot.secret(), now),
                    Map.of("Content-Type", "application/json; charset=utf-8", "User-Agent", "Funnel-IM-Notify/1.0"),
                    body, REQUEST_TIMEOUT));
            code = response.status();
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            Integer said = Platform.answer(answer);
            if (code >= 200 && code < 300 && said != null && said == 0) {
                return DeliveryOutcome.delivered(code);
            }
            if (said != null && robot.platform().tooFast(said)) {
                return DeliveryOutcome.retry(Duration.ofMinutes(1), code, "the robot says too fast (" + said + ")");
            }
            if (code >= 200 && code < 500 && said != null) {
                // a wrong key, signature or address: waiting will not mend it
                return DeliveryOutcome.failed(code, robot.platform().code() + " refused: " + said + " "
                        + Platform.answerText(answer));
            }
            problem = "HTTP " + code + (said == null ? "" : ", answer " + said);
        } catch (RefusedDestinationException e) {
            return DeliveryOutcome.failed(null, "refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt >= MAX_ATTEMPTS) {
            return DeliveryOutcome.failed(code, problem + "; given up after " + attempt + " attempts");
        }
        return DeliveryOutcome.retry(firstPause.multipliedBy(1L << (attempt - 1)), code, problem);
    }

    /** Zero when the robot may take a message now; otherwise how long until its minute has room. */
    private Duration untilRoom(String destination, Instant now) {
        Deque<Instant> sends = recentSends.computeIfAbsent(destination, d -> new ArrayDeque<>());
        synchronized (sends) {
            while (!sends.isEmpty() && !sends.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
                sends.pollFirst();
            }
            return sends.size() < PER_MINUTE ? Duration.ZERO
                    : Duration.between(now, sends.peekFirst().plus(Duration.ofMinutes(1))).plusMillis(1);
        }
    }

    private void sent(String destination, Instant at) {
        Deque<Instant> sends = recentSends.computeIfAbsent(destination, d -> new ArrayDeque<>());
        synchronized (sends) {
            sends.addLast(at);
        }
    }

    /** A short, stable name of the robot for the delivery key, without the key in its address. */
    static String fingerprint(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(url.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
