package dev.switchboard.triggers.filter;

/**
 * Told about every CESQL evaluation that failed at run time (missing attribute, bad cast, division by
 * zero, a result that is not a boolean). The filter then does not match; the listener only counts, e.g.
 * into a Micrometer counter tagged by {@code kind}. Called on the dispatching thread: keep it cheap.
 */
@FunctionalInterface
public interface CesqlErrorListener {

    /**
     * One failed evaluation.
     *
     * @param expression the CESQL expression as written in the trigger
     * @param kind the SDK's {@code EvaluationException.ErrorKind} name of the first error (e.g. {@code
     *     MISSING_ATTRIBUTE}, {@code CAST}, {@code MATH}), or {@code NOT_BOOLEAN}; a small closed set
     * @param message every error message, joined with {@code "; "}
     */
    void evaluationFailed(String expression, String kind, String message);

    /** A listener that ignores failures, for tools such as {@code validate} that evaluate nothing. */
    static CesqlErrorListener ignoring() {
        return (expression, kind, message) -> {};
    }
}
