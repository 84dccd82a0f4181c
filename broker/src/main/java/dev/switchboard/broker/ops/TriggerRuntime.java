package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.broker.delivery.EgressRefusals;

/**
 * What the running dispatch and delivery stages give the ops API: the replay and redrive controls, who may call
 * them (docs/operations.md), the egress guard's standing refusals, shown as a trigger condition (docs/security.md), and each trigger's
 * last failed delivery attempt ({@code status.lastFailure}, docs/operations.md).
 */
public record TriggerRuntime(
        TriggerControl control, EgressRefusals egressRefusals, ControlAccess access, DeliveryFailures failures) {
    /** Controls open to same-origin callers without a token (no {@code ops.tokensFile}), for a loopback listener. */
    public TriggerRuntime(TriggerControl control, EgressRefusals egressRefusals, DeliveryFailures failures) {
        this(control, egressRefusals, ControlAccess.sameOrigin("127.0.0.1"), failures);
    }
}
