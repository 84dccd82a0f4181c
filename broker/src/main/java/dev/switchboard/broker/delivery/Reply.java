package dev.switchboard.broker.delivery;

import io.cloudevents.CloudEvent;

/** What a subscriber's 2xx answer carried back (docs/delivery.md "Reply"). */
sealed interface Reply {

    /** No event: an empty body, or one that does not claim to be a CloudEvent. */
    record None() implements Reply {}

    /** An event, but the trigger discards replies ({@code switchboard.dev/reply: discard}). */
    record Discarded() implements Reply {}

    /** It claims to be a CloudEvent ({@code ce-} headers or a CloudEvents media type) but is not a valid one. */
    record Invalid(String reason) implements Reply {}

    /** A valid event, read with the same validation as ingress. */
    record Event(CloudEvent event) implements Reply {}
}
