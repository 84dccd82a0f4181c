package dev.switchboard.triggers.model;

/** What happens to a CloudEvent in a subscriber's 2xx response ({@code switchboard.dev/reply}, docs/delivery.md "Reply"). */
public enum ReplyMode {
    /** publish it into the same broker (the default). */
    PUBLISH,
    /** drop it ({@code switchboard.dev/reply: discard}). */
    DISCARD
}
