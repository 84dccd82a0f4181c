/**
 * CloudEvents over HTTP, both ways: reading binary, structured and batched requests with the validation
 * of the CloudEvents spec (ingress, and replies in delivery), and encoding header values for outgoing
 * requests. A library of the stages, not a stage: it depends on none of them.
 */
package dev.switchboard.broker.codec;
