package dev.switchboard.broker.config;

/** Log output options (docs/configuration.md "Logging"). */
public record LoggingConfig(LogFormat format) {}
