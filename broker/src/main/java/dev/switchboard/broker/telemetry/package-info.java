/**
 * Names and shared conventions of the metrics every stage records into the one injected
 * {@code MeterRegistry}. It sits beside the pipeline: any stage may use it, it uses no stage.
 */
package dev.switchboard.broker.telemetry;
