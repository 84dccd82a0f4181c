package dev.switchboard.triggers.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.triggers.model.BackoffPolicy;
import dev.switchboard.triggers.model.DeliveryFormat;
import dev.switchboard.triggers.model.DeliverySpec;
import dev.switchboard.triggers.model.Destination;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final Destination BROKER_DLS = Destination.of(URI.create("http://dls.example/broker"));

    private static final DeliverySpec BROKER = new DeliverySpec(
            Optional.of(BROKER_DLS),
            Optional.of(3),
            Optional.of(BackoffPolicy.LINEAR),
            Optional.of(Duration.ofSeconds(1)),
            Optional.of(Duration.ofSeconds(5)),
            Optional.of(Duration.ofSeconds(60)),
            Optional.of(DeliveryFormat.JSON));

    @Test
    void defaultsWhenNothingIsSet() {
        DeliveryPolicy policy = DeliveryPolicy.defaults();

        assertThat(policy)
                .isEqualTo(new DeliveryPolicy(
                        10,
                        BackoffPolicy.EXPONENTIAL,
                        Duration.ofMillis(200),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        DeliveryFormat.BINARY,
                        Optional.empty()));
        assertThat(policy.maxAttempts()).isEqualTo(11);
    }

    @Test
    void usesTheBrokersDeliveryWhenTheTriggerHasNone() {
        DeliveryPolicy policy =
                DeliveryPolicy.effective(Optional.of(BROKER), Optional.empty(), DeliveryPolicy.DEFAULT_BACKOFF_MAX);

        assertThat(policy)
                .isEqualTo(new DeliveryPolicy(
                        3,
                        BackoffPolicy.LINEAR,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60),
                        DeliveryFormat.JSON,
                        Optional.of(BROKER_DLS)));
    }

    @Test
    void theTriggersDeliveryReplacesTheBrokersWholeWithoutMerging() {
        var trigger = new DeliverySpec(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Duration.ofMillis(50)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        DeliveryPolicy policy =
                DeliveryPolicy.effective(Optional.of(BROKER), Optional.of(trigger), Duration.ofSeconds(9));

        // nothing of the broker's spec survives: no dead-letter sink, default retry, policy, timeout, format
        assertThat(policy)
                .isEqualTo(new DeliveryPolicy(
                        10,
                        BackoffPolicy.EXPONENTIAL,
                        Duration.ofMillis(50),
                        Duration.ofSeconds(9),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        DeliveryFormat.BINARY,
                        Optional.empty()));
    }

    @Test
    void anEmptyTriggerDeliveryStillReplacesTheBrokers() {
        DeliveryPolicy policy = DeliveryPolicy.effective(
                Optional.of(BROKER), Optional.of(DeliverySpec.empty()), DeliveryPolicy.DEFAULT_BACKOFF_MAX);

        assertThat(policy).isEqualTo(DeliveryPolicy.defaults());
    }

    @Test
    void retryZeroMeansOneAttempt() {
        var spec = new DeliverySpec(
                Optional.empty(),
                Optional.of(0),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(DeliveryPolicy.effective(Optional.empty(), Optional.of(spec), Duration.ofMinutes(5))
                        .maxAttempts())
                .isEqualTo(1);
    }

    @Test
    void rejectsImpossibleValues() {
        var base = DeliveryPolicy.defaults();
        assertThatThrownBy(() -> new DeliveryPolicy(
                        -1,
                        base.backoffPolicy(),
                        base.backoffDelay(),
                        base.backoffMax(),
                        base.timeout(),
                        base.retryAfterMax(),
                        base.format(),
                        base.deadLetterSink()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryPolicy(
                        1,
                        base.backoffPolicy(),
                        Duration.ofSeconds(-1),
                        base.backoffMax(),
                        base.timeout(),
                        base.retryAfterMax(),
                        base.format(),
                        base.deadLetterSink()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryPolicy(
                        1,
                        base.backoffPolicy(),
                        base.backoffDelay(),
                        base.backoffMax(),
                        Duration.ZERO,
                        base.retryAfterMax(),
                        base.format(),
                        base.deadLetterSink()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
