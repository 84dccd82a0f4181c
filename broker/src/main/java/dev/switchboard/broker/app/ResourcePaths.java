package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.triggers.model.RefMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the resource YAML comes from and how {@code subscriber.ref}s resolve, from the server config. */
final class ResourcePaths {
    private ResourcePaths() {}

    /** README.md: with no {@code resources} given, {@code ./switchboard.d} is used only if it exists. */
    static List<Path> of(ServerConfig config) {
        if (config.defaultResources()) {
            return config.resources().stream().filter(Files::exists).toList();
        }
        return config.resources();
    }

    static List<RefMapping> refs(ServerConfig config) {
        return config.refs().stream()
                .map(ref -> new RefMapping(ref.kind(), ref.namespace(), ref.name(), ref.url()))
                .toList();
    }
}
