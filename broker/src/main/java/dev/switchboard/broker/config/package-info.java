/**
 * Server configuration (docs/configuration.md): reads the config file, {@code SWITCHBOARD_*} environment variables and
 * command-line flags, applies precedence flag &gt; env &gt; file &gt; default per key, and validates the
 * result into immutable records. It sits before every pipeline stage: ingress, log, dispatch, delivery and
 * ops are built from a {@link dev.switchboard.broker.config.ServerConfig} and never read the environment.
 */
package dev.switchboard.broker.config;
