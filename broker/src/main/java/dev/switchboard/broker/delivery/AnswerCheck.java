package dev.switchboard.broker.delivery;

import java.util.Optional;

/**
 * A further check of a 2xx answer before it counts as delivered: a malformed reply event makes the attempt a
 * failure (docs/delivery.md "Reply"). Empty means the answer is fine.
 */
@FunctionalInterface
interface AnswerCheck {
    AnswerCheck ACCEPT_ANY = answer -> Optional.empty();

    Optional<String> problem(Exchange.Answered answer);
}
