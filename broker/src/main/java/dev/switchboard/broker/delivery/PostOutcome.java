package dev.switchboard.broker.delivery;

import dev.switchboard.triggers.policy.Verdict;
import java.util.Optional;

/** How a POST with retries ended: a receiver took the event, or the policy gave up. */
sealed interface PostOutcome {

    int attempts();

    /** A 2xx answer that passed its check, after {@code attempts} attempts. */
    record Accepted(Exchange.Answered answer, int attempts) implements PostOutcome {}

    /**
     * The policy gave up.
     *
     * @param verdict why, with the last status when there was one
     * @param lastAnswer the last answer, if the last attempt got one (its body becomes {@code knativeerrordata})
     */
    record GaveUp(Verdict.GiveUp verdict, Optional<Exchange.Answered> lastAnswer, int attempts)
            implements PostOutcome {}
}
