package dev.funnel.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.followup.FollowUpType;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.notification.Notification;
import dev.funnel.notification.NotificationService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.PageRequest;
import dev.funnel.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Protection, release to the pool and claims, with the clock moved forward instead of waiting for days. */
class CustomerPoolTest extends IntegrationTest {

    @Autowired
    CustomerPoolService pool;
    @Autowired
    CustomerService customers;
    @Autowired
    FollowUpService activities;
    @Autowired
    NotificationService notifications;

    UserSummary owner;
    UserSummary other;
    Customer neglected;
    Customer followedUp;

    @BeforeEach
    void twoCustomersOfOneRep() {
        as("admin", () -> pool.updateSettings(new PoolSettings(30, 2)));
        owner = data.user(Role.SALES_REP, null);
        other = data.user(Role.SALES_REP, null);
        neglected = data.customerOf(owner);
        followedUp = data.customerOf(owner);
    }

    @AfterEach
    void defaultRules() {
        as("admin", () -> pool.updateSettings(PoolSettings.DEFAULTS));
    }

    @Test
    void a_customer_without_follow_up_for_the_protection_period_returns_to_the_pool_and_its_owner_is_told() {
        clock.advance(Duration.ofDays(25));
        as(owner.username(), () -> activities.log(new FollowUpDraft(FollowUpType.CALL, OffsetDateTime.now(clock),
                "still interested", followedUp.id(), null, null)));
        clock.advance(Duration.ofDays(6));

        int released = as("admin", () -> pool.releaseLapsed());

        assertThat(released).isGreaterThanOrEqualTo(1);
        signIn(owner.username());
        assertThatThrownBy(() -> customers.get(neglected.id())).isInstanceOf(NotFoundException.class);
        assertThat(customers.get(followedUp.id()).ownerId()).isEqualTo(owner.id());
        assertThat(pool.list(neglected.name(), PageRequest.of(0, 5)).items()).extracting(Customer::id)
                .containsExactly(neglected.id());
        assertThat(notifications.mine(true, PageRequest.of(0, 10)).items())
                .extracting(Notification::messageKey, n -> n.arguments().get(0))
                .contains(org.assertj.core.groups.Tuple.tuple("notification.pool.released", neglected.name()));
        assertThat(as("admin", () -> pool.releaseLapsed())).isZero();
        assertThat(as("admin", () -> pool.history(neglected.id()))).extracting(OwnershipEvent::kind)
                .containsExactly(OwnershipEvent.Kind.RELEASED);
    }

    @Test
    void a_rep_claims_up_to_the_daily_limit_and_again_the_next_day() {
        Customer third = data.customerOf(owner);
        clock.advance(Duration.ofDays(31));
        as("admin", () -> pool.releaseLapsed());
        signIn(other.username());

        assertThat(pool.claim(neglected.id()).ownerId()).isEqualTo(other.id());
        pool.claim(followedUp.id());
        assertThatThrownBy(() -> pool.claim(third.id())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::messageKey)
                        .containsExactly("validation.pool.limit"));

        clock.advance(Duration.ofDays(1));
        assertThat(pool.claim(third.id()).ownerId()).isEqualTo(other.id());
        assertThat(customers.get(neglected.id()).ownerId()).isEqualTo(other.id());
        assertThat(pool.history(neglected.id())).extracting(OwnershipEvent::kind)
                .containsExactly(OwnershipEvent.Kind.CLAIMED, OwnershipEvent.Kind.RELEASED);
    }

    @Test
    void a_customer_already_claimed_cannot_be_claimed_again_and_settings_must_make_sense() {
        clock.advance(Duration.ofDays(31));
        as("admin", () -> pool.releaseLapsed());
        as(other.username(), () -> pool.claim(neglected.id()));

        // a rep who may not see the new owner's customers learns nothing: as for an id that does not exist
        assertThatThrownBy(() -> as(owner.username(), () -> pool.claim(neglected.id())))
                .isInstanceOf(dev.funnel.platform.NotFoundException.class);
        dev.funnel.customer.Customer othersOwn = data.customerOf(other);
        assertThatThrownBy(() -> as(owner.username(), () -> pool.claim(othersOwn.id())))
                .as("another rep's customer that was never in the pool").isInstanceOf(
                        dev.funnel.platform.NotFoundException.class);
        assertThatThrownBy(() -> as("admin", () -> pool.claim(neglected.id())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::messageKey, p -> p.arguments().get(0))
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("validation.pool.taken",
                                other.fullName())));
        assertThatThrownBy(() -> as("admin", () -> pool.updateSettings(new PoolSettings(0, -1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("protectionDays", "claimsPerDay"));
    }
}
