/**
 * Dispatch: one cursor per trigger reads its broker's log, hands matching events to the delivery stage
 * within the trigger's window, order and rate, and commits its position contiguously. It is fed by the
 * {@code log} stage and feeds {@code delivery}; {@code app} wires it and reconciles it on every reload.
 */
package dev.switchboard.broker.dispatch;
