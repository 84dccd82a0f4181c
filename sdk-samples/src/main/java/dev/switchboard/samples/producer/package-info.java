/**
 * The producer sample: posting CloudEvents to a Switchboard broker's ingress with the CloudEvents Java SDK's Vert.x
 * binding, in binary, structured and batch content mode. It stands where a user's service stands, in front of ingress
 * (docs/ingress.md), and is exercised against the real jar by {@code JavaSamplesIT}.
 */
package dev.switchboard.samples.producer;
