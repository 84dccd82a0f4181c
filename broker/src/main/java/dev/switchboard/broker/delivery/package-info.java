/**
 * The last stage: puts events on the wire to subscribers over HTTP and turns each response into an
 * outcome. It is fed by {@code dispatch} and imports only the {@code log} stage (for replies and
 * dead-letters) and the triggers library.
 */
package dev.switchboard.broker.delivery;
