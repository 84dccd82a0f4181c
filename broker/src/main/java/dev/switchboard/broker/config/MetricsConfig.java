package dev.switchboard.broker.config;

/** Metric options (docs/configuration.md, docs/operations.md): the CloudEvent {@code type} is a tag only when {@code eventTypeTag}. */
public record MetricsConfig(boolean eventTypeTag) {}
