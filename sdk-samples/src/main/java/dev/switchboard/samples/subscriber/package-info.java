/**
 * The subscriber sample: an HTTP endpoint that reads what a trigger delivers with the CloudEvents Java SDK's Vert.x
 * binding, logs it, and answers with a reply event. It stands at the far end of delivery (docs/delivery.md), and its reply goes
 * back into the broker, which {@code JavaSamplesIT} follows to a second trigger.
 */
package dev.switchboard.samples.subscriber;
