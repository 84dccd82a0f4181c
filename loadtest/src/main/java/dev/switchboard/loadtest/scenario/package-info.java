/**
 * The scenarios, one per question (ingress saturation, end-to-end latency, fan-out, isolation, payload
 * sizes, soak, raw baseline): each starts Switchboard as a user runs it (the fat jar, a separate process)
 * with trigger files pointing at the receiver, drives the generator, checks the ledger, and writes a report.
 */
package dev.switchboard.loadtest.scenario;
