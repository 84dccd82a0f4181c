/**
 * Filters: a trigger's {@link dev.switchboard.triggers.model.FilterSpec} compiled once into an {@link
 * dev.switchboard.triggers.filter.EventFilter} over a {@code CloudEvent}, and the {@link
 * dev.switchboard.triggers.filter.TriggerIndex} that finds a broker's matching triggers without testing
 * every one (docs/routing-semantics.md "Filters").
 *
 * <p>Dispatch asks this package "which triggers want this event?"; it holds no state beyond the compiled
 * filters and reads nothing but the event's context attributes and extensions.
 */
package dev.switchboard.triggers.filter;
