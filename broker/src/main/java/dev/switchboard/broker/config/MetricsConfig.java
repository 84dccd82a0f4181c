package dev.switchboard.broker.config;

/** Metric options (SPEC §3, §6): the CloudEvent {@code type} is a tag only when {@code eventTypeTag}. */
public record MetricsConfig(boolean eventTypeTag) {}
