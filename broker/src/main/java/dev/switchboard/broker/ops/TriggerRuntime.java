package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.EgressRefusals;

/**
 * What the running dispatch and delivery stages give the ops API: the replay and redrive controls, who may call
 * them (SPEC §6), and the egress guard's standing refusals, shown as a trigger condition (SPEC §7).
 */
public record TriggerRuntime(TriggerControl control, EgressRefusals egressRefusals, ControlAccess access) {
    /** Controls open to same-origin callers without a token (no {@code ops.tokensFile}), for a loopback listener. */
    public TriggerRuntime(TriggerControl control, EgressRefusals egressRefusals) {
        this(control, egressRefusals, ControlAccess.sameOrigin("127.0.0.1"));
    }
}
