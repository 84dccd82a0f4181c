package dev.switchboard.triggers.filter;

import dev.switchboard.triggers.model.FilterSpec;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a trigger's {@link FilterSpec} once into an {@link EventFilter} (docs/routing-semantics.md "Filters"). CESQL
 * expressions are parsed here, so evaluating an event never parses; their run-time errors go to the injected
 * {@link CesqlErrorListener}.
 */
public final class FilterCompiler {

    private static final EventFilter MATCH_ALL = event -> true;

    private final CesqlErrorListener cesqlErrors;
    private final EvaluationRuntime cesqlRuntime;

    public FilterCompiler(CesqlErrorListener cesqlErrors) {
        this.cesqlErrors = cesqlErrors;
        this.cesqlRuntime = EvaluationRuntime.getDefault();
    }

    /**
     * The filter's predicate.
     *
     * @throws InvalidFilterException when a CESQL expression does not parse
     */
    public EventFilter compile(FilterSpec spec) {
        if (spec instanceof FilterSpec.MatchAll) {
            return MATCH_ALL;
        } else if (spec instanceof FilterSpec.Attributes attributes) {
            return new AttributeFilter(StringMatch.ATTRIBUTES, attributes.attributes());
        } else if (spec instanceof FilterSpec.Exact exact) {
            return new AttributeFilter(StringMatch.EXACT, exact.attributes());
        } else if (spec instanceof FilterSpec.Prefix prefix) {
            return new AttributeFilter(StringMatch.PREFIX, prefix.attributes());
        } else if (spec instanceof FilterSpec.Suffix suffix) {
            return new AttributeFilter(StringMatch.SUFFIX, suffix.attributes());
        } else if (spec instanceof FilterSpec.All all) {
            return new AllFilter(compileAll(all.filters()));
        } else if (spec instanceof FilterSpec.Any any) {
            return new AnyFilter(compileAll(any.filters()));
        } else if (spec instanceof FilterSpec.Not not) {
            return new NotFilter(compile(not.filter()));
        } else if (spec instanceof FilterSpec.Cesql cesql) {
            return compileCesql(cesql.expression());
        }
        throw new IllegalArgumentException("unknown filter " + spec);
    }

    /**
     * What is wrong with the filter, for validation: one message per CESQL expression that does not parse.
     * An empty list means {@link #compile} succeeds.
     */
    public List<String> problems(FilterSpec spec) {
        var problems = new ArrayList<String>();
        collectProblems(spec, problems);
        return List.copyOf(problems);
    }

    private void collectProblems(FilterSpec spec, List<String> problems) {
        if (spec instanceof FilterSpec.All all) {
            all.filters().forEach(nested -> collectProblems(nested, problems));
        } else if (spec instanceof FilterSpec.Any any) {
            any.filters().forEach(nested -> collectProblems(nested, problems));
        } else if (spec instanceof FilterSpec.Not not) {
            collectProblems(not.filter(), problems);
        } else if (spec instanceof FilterSpec.Cesql cesql) {
            try {
                Parser.parseDefault(cesql.expression());
            } catch (ParseException e) {
                problems.add(cesqlMessage(cesql.expression(), e));
            }
        }
    }

    private EventFilter[] compileAll(List<FilterSpec> specs) {
        return specs.stream().map(this::compile).toArray(EventFilter[]::new);
    }

    private EventFilter compileCesql(String expression) {
        try {
            return new CesqlFilter(expression, Parser.parseDefault(expression), cesqlRuntime, cesqlErrors);
        } catch (ParseException e) {
            throw new InvalidFilterException(cesqlMessage(expression, e), e);
        }
    }

    private static String cesqlMessage(String expression, ParseException e) {
        return "invalid CESQL expression '" + expression + "': " + e.getMessage();
    }
}
