package dev.switchboard.broker.ops;

import dev.switchboard.broker.delivery.EgressRefusals;

/**
 * What the running dispatch and delivery stages give the ops API: the replay and redrive controls, and the
 * egress guard's standing refusals, shown as a trigger condition (SPEC §7).
 */
public record TriggerRuntime(TriggerControl control, EgressRefusals egressRefusals) {}
