/**
 * Dispatch: one shared reader per broker reads its log once and feeds every trigger's cursor state, which hands
 * matching events to the delivery stage within the trigger's window, order and rate and records its own
 * position contiguously; triggers that fall behind read on their own until they catch up. It is fed by the
 * {@code log} stage and feeds {@code delivery}; {@code app} wires it and reconciles it on every reload.
 */
package dev.switchboard.broker.dispatch;
