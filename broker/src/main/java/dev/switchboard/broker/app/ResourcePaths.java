package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.triggers.model.RefMapping;
import dev.switchboard.triggers.reload.WatchedPaths;
import java.util.List;

/** Where the resource YAML comes from and how {@code subscriber.ref}s resolve, from the server config. */
final class ResourcePaths {
    private ResourcePaths() {}

    /**
     * docs/cli.md: with no {@code resources} given, {@code ./switchboard.d} is read when it exists and watched in
     * any case, so creating it later loads it; explicitly given paths must exist.
     */
    static WatchedPaths of(ServerConfig config) {
        if (config.defaultResources()) {
            return new WatchedPaths(List.of(), config.resources());
        }
        return WatchedPaths.required(config.resources());
    }

    static List<RefMapping> refs(ServerConfig config) {
        return config.refs().stream()
                .map(ref -> new RefMapping(ref.kind(), ref.namespace(), ref.name(), ref.url()))
                .toList();
    }
}
