package dev.switchboard.triggers.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Expands the configured resource paths into files: a file is taken as is, whatever its extension; a folder
 * contributes its {@code *.yaml} and {@code *.yml} regular files, sorted by name, not recursively, skipping
 * hidden files (editor swap and lock files start with a dot).
 */
public final class ResourceFiles {

    /**
     * The files, in order.
     *
     * @param problems receives each path that is missing or cannot be listed, with a message
     */
    public List<Path> expand(List<Path> paths, BiConsumer<Path, String> problems) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(f -> hasResourceName(f) && Files.isRegularFile(f))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    problems.accept(path, "cannot list folder: " + e.getMessage());
                }
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                problems.accept(path, "no such file or folder");
            }
        }
        return files;
    }

    /** True for a name a folder contributes: {@code *.yaml} or {@code *.yml}, not hidden. */
    public static boolean hasResourceName(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
