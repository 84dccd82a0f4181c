/**
 * The routing language as immutable values: Brokers, Triggers, their options, status conditions and the
 * validated {@link dev.switchboard.triggers.model.ResourceSet} that ingress and dispatch consume.
 *
 * <p>Nothing here reads files or talks to the network; the {@code yaml} package builds these values and the
 * {@code filter} and {@code policy} packages interpret them.
 */
package dev.switchboard.triggers.model;
