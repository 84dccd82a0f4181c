/**
 * Benchmarks of the dispatch stage, run as plain Java mains from the test classpath (not tests). See
 * docs/benchmarks.md, "Dispatcher backlog drain".
 */
package dev.switchboard.broker.dispatch.bench;
