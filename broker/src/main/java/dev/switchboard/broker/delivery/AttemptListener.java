package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.Verdict;
import java.time.Duration;

/** Told about every attempt of a retried POST and what was decided after it (metrics, logs). */
@FunctionalInterface
interface AttemptListener {
    AttemptListener NONE = (exchange, verdict, elapsed) -> {};

    void attempted(Exchange exchange, Verdict verdict, Duration elapsed);
}
