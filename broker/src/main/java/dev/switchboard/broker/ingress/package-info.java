/**
 * The first stage: the HTTP ingress reads CloudEvents (binary, structured, batch), validates them and
 * answers 202 only once the {@code log} stage has stored them. It imports the log stage and nothing
 * downstream of it.
 */
package dev.switchboard.broker.ingress;
