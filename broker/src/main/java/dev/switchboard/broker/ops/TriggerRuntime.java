package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.DeliveryFailures;
import dev.switchboard.broker.delivery.EgressRefusals;

/**
 * What the running dispatch and delivery stages give the ops API: the replay and redrive controls, the egress
 * guard's standing refusals, shown as a trigger condition (SPEC §7), and each trigger's last failed delivery
 * attempt ({@code status.lastFailure}, SPEC §6).
 */
public record TriggerRuntime(TriggerControl control, EgressRefusals egressRefusals, DeliveryFailures failures) {}
