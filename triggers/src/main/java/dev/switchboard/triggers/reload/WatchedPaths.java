package dev.switchboard.triggers.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resource paths a server reads (docs/triggers.md "Files and folders"): {@code required} ones (given
 * explicitly: missing is an error of the loader) and {@code optional} ones (the default {@code ./switchboard.d}:
 * read when it exists). All are watched, so an optional folder created after start is loaded when it appears.
 */
public record WatchedPaths(List<Path> required, List<Path> optional) {

    public WatchedPaths {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    /** Paths that must all exist. */
    public static WatchedPaths required(List<Path> paths) {
        return new WatchedPaths(paths, List.of());
    }

    /** What to watch: every path, present or not. */
    public List<Path> all() {
        return Stream.concat(required.stream(), optional.stream()).toList();
    }

    /** What to load now: the required paths and the optional ones that exist at this moment. */
    public List<Path> present() {
        return Stream.concat(required.stream(), optional.stream().filter(Files::exists))
                .toList();
    }
}
