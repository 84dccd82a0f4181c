package dev.switchboard.broker.delivery;

import java.net.InetAddress;

/** The egress guard's answer for one connection: the address to connect to, or why not. */
sealed interface EgressCheck {

    record Allowed(InetAddress address) implements EgressCheck {}

    record Refused(String reason) implements EgressCheck {}
}
