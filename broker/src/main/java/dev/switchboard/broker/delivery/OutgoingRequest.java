package dev.switchboard.broker.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** One POST ready for the wire: its headers and body, reused unchanged by every attempt. */
record OutgoingRequest(MultiMap headers, Buffer body) {}
