/**
 * The {@code switchboard-loadtest} command line: {@code generate} (load at a fixed rate or a step ramp
 * against any ingress URL), {@code receive} (a subscriber recording latency and loss) and
 * {@code scenario NAME} (a whole measured scenario with its report). It only wires the other packages.
 */
package dev.switchboard.loadtest.cli;
