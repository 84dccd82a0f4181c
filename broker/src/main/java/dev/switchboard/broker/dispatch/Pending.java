package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.InboundEvent;

/**
 * One matching event read by a cursor and owed to its trigger, with its record key (the partition key that
 * ordered delivery serialises on, absent when the record has none) and the ticket to settle once delivered.
 */
record Pending(InboundEvent event, String key, OffsetTracker.Ticket ticket) {}
