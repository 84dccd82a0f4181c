package dev.switchboard.broker.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * A health endpoint's checks ({@code /livez}: none that touch a dependency; {@code /readyz}: Kafka reachable,
 * config loaded, not draining), answered as Kubernetes' API server does: 200 {@code ok} or 503, and with
 * {@code ?verbose} one line per check, {@code [+]name ok} or {@code [-]name failed: reason}, then a summary.
 */
public final class HealthChecks {
    private final String endpoint;
    private final List<HealthCheck> checks;

    /** @param endpoint {@code livez} or {@code readyz}, used in the summary line */
    public HealthChecks(String endpoint, List<HealthCheck> checks) {
        this.endpoint = endpoint;
        this.checks = List.copyOf(checks);
    }

    /** Runs every check once. */
    public Report run() {
        List<Result> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            HealthCheck.Outcome outcome;
            try {
                outcome = check.probe().get();
            } catch (RuntimeException e) {
                outcome = HealthCheck.Outcome.failed(e.toString());
            }
            results.add(new Result(check.name(), outcome));
        }
        return new Report(endpoint, results);
    }

    /** One check's name and outcome. */
    public record Result(String name, HealthCheck.Outcome outcome) {}

    /** Every check's result at one moment. */
    public record Report(String endpoint, List<Result> results) {
        public Report {
            results = List.copyOf(results);
        }

        public boolean passed() {
            return results.stream().allMatch(r -> r.outcome().passed());
        }

        /** The failed checks as {@code name: reason}, for conditions and messages. */
        public List<String> problems() {
            return results.stream()
                    .filter(r -> !r.outcome().passed())
                    .map(r -> r.name() + ": " + r.outcome().detail())
                    .toList();
        }

        /** The plain-text body: {@code ok}, or with {@code verbose} one line per check and a summary. */
        public String render(boolean verbose) {
            if (!verbose) {
                return passed() ? "ok" : "not ready: " + String.join("; ", problems());
            }
            StringBuilder text = new StringBuilder();
            for (Result result : results) {
                text.append(result.outcome().passed() ? "[+]" : "[-]")
                        .append(result.name())
                        .append(
                                result.outcome().passed()
                                        ? " ok"
                                        : " failed: " + result.outcome().detail())
                        .append('\n');
            }
            return text.append(endpoint)
                    .append(passed() ? " check passed" : " check failed")
                    .append('\n')
                    .toString();
        }
    }
}
