/**
 * JMH benchmarks of the filter package: the cost of finding a broker's matching triggers for one event.
 *
 * <p>Not tests (surefire skips them); run them with {@code ./mvnw -B -pl triggers -am -Pbench
 * process-test-classes}, figures in {@code docs/benchmarks.md}.
 */
package dev.switchboard.triggers.filter.bench;
