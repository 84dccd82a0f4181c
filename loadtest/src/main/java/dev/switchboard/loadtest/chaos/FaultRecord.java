package dev.switchboard.loadtest.chaos;

/**
 * One injected fault, in milliseconds since the soak's start: when it began, when its repair began (restart,
 * fix, reconnect), and when the repair was done (process or node serving again, reload applied, trigger Ready);
 * {@code target} names what it hit.
 */
public record FaultRecord(FaultKind kind, String target, long startMillis, long healStartMillis, long healedMillis) {}
