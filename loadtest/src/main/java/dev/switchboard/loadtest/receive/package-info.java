/**
 * The subscriber end of a load test: an HTTP server that Switchboard delivers to, recording each event's
 * end-to-end latency (arrival minus its intended send time) and how many times each id arrived. It sits
 * at the far end of the pipeline and answers the question "did every accepted event arrive?".
 */
package dev.switchboard.loadtest.receive;
