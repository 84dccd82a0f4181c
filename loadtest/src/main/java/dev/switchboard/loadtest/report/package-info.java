/**
 * What a scenario leaves behind: {@code report.json} for machines and {@code index.html} with PNG plots
 * (latency percentiles and throughput over time, latency distributions, ramps) for people. It is the last
 * step of every scenario and reads only measured values.
 */
package dev.switchboard.loadtest.report;
