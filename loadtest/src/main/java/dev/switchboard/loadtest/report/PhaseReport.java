package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.loadtest.load.LoadResult;
import dev.switchboard.loadtest.measure.Reconciliation;

/**
 * One fixed-rate phase of a scenario: the load it offered to {@code target} ({@code switchboard} or
 * {@code raw-kafka}) and how it was answered; where it was checked, the ledger against the Kafka topic
 * ({@code stored}) and against what arrived at the far end ({@code delivery}); what the Switchboard process
 * cost over it ({@code process}, on Linux). Unchecked or unmeasured parts are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseReport(
        String name,
        String target,
        LoadResult load,
        Reconciliation stored,
        DeliveryReport delivery,
        ProcessReport process) {
    public PhaseReport withStored(Reconciliation reconciliation) {
        return new PhaseReport(name, target, load, reconciliation, delivery, process);
    }

    public PhaseReport withDelivery(DeliveryReport report) {
        return new PhaseReport(name, target, load, stored, report, process);
    }
}
