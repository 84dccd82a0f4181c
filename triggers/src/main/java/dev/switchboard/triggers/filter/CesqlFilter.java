package dev.switchboard.triggers.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationException;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Result;
import java.util.stream.Collectors;

/**
 * Subscriptions API {@code cesql}: a CloudEvents SQL v1 expression, parsed once, evaluated by the SDK's
 * {@code cloudevents-sql}. It matches only when the evaluation succeeds with boolean {@code true}. Any
 * evaluation error (the SDK reports it in {@link Result#causes()} next to a default value), and any result
 * that is not a boolean, is no match and is reported to the {@link CesqlErrorListener}, as Knative does.
 */
final class CesqlFilter implements EventFilter {

    private final String source;
    private final Expression expression;
    private final EvaluationRuntime runtime;
    private final CesqlErrorListener errors;

    CesqlFilter(String source, Expression expression, EvaluationRuntime runtime, CesqlErrorListener errors) {
        this.source = source;
        this.expression = expression;
        this.runtime = runtime;
        this.errors = errors;
    }

    @Override
    public boolean matches(CloudEvent event) {
        Result result = expression.evaluate(runtime, event);
        if (result.isFailed()) {
            var causes = result.causes();
            String kind = causes.stream()
                    .findFirst()
                    .map(cause -> cause.getKind().name())
                    .orElse("GENERIC");
            errors.evaluationFailed(
                    source,
                    kind,
                    causes.stream().map(EvaluationException::getMessage).collect(Collectors.joining("; ")));
            return false;
        }
        if (result.value() instanceof Boolean matched) {
            return matched;
        }
        errors.evaluationFailed(source, "NOT_BOOLEAN", "the expression evaluated to " + result.value());
        return false;
    }
}
