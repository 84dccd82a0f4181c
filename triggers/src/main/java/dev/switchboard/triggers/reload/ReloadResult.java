package dev.switchboard.triggers.reload;

import dev.switchboard.triggers.model.Diagnostic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one reload, as {@code /api/v1/status} shows it under {@code lastReload} (docs/operations.md).
 *
 * @param generation the generation served after this reload (unchanged when rejected)
 * @param diagnostics the errors that rejected it, or the warnings of an applied set
 */
public record ReloadResult(Outcome outcome, Instant time, long generation, List<Diagnostic> diagnostics) {

    public ReloadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean isApplied() {
        return outcome == Outcome.APPLIED;
    }

    /** Applied or rejected; the wire names are the {@code result} tag of {@code switchboard_config_reloads_total}. */
    public enum Outcome {
        APPLIED("applied"),
        REJECTED("rejected");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
