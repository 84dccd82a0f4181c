package dev.switchboard.triggers.policy;

/** What an HTTP status answered by a subscriber means for the event. */
public enum StatusClass {
    /** The subscriber has the event. */
    DELIVERED,
    /** A failure that may pass: try again. */
    RETRY,
    /** A failure that will not pass by retrying: dead-letter now. */
    GIVE_UP
}
