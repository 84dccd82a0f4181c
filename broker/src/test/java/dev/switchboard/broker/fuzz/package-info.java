/**
 * Fuzz targets (Jazzer) for what reads untrusted input: the ingress's CloudEvents parsing and the resource YAML
 * loader. Under plain JUnit they replay their regression inputs; with {@code JAZZER_FUZZ=1} they fuzz.
 */
package dev.switchboard.broker.fuzz;
