package dev.switchboard.triggers.yaml;

import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.EgressAuthCatalog;
import dev.switchboard.triggers.model.RefMapping;
import dev.switchboard.triggers.model.ResourceSet;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads Broker and Trigger YAML from files and folders (docs/triggers.md "Files and folders") into a validated
 * {@link ResourceSet}, or reports every error of the whole file set at once. Stateless and thread-safe.
 */
public final class ResourceLoader {

    private final ResourceFiles files = new ResourceFiles();
    private final YamlSource yaml = new YamlSource();
    private final EgressAuthCatalog credentials;

    /** A loader that takes every credential name triggers give as defined ({@code validate}, tools). */
    public ResourceLoader() {
        this(EgressAuthCatalog.UNCHECKED);
    }

    /** @param credentials the server's {@code egressAuth}, for {@code SubscriberAuthNotFound} (docs/security.md) */
    public ResourceLoader(EgressAuthCatalog credentials) {
        this.credentials = credentials;
    }

    /**
     * Loads every file of {@code paths} (see {@link ResourceFiles} for how folders expand).
     *
     * @param refs the server config's {@code refs}, used to resolve {@code subscriber.ref}
     */
    public LoadResult load(List<Path> paths, List<RefMapping> refs) {
        List<FileDiagnostics> reports = new ArrayList<>();
        ParsedResources parsed = new ParsedResources();
        List<Path> expanded = files.expand(paths, (path, message) -> {
            FileDiagnostics report = new FileDiagnostics(path.toString());
            report.fileError(message);
            reports.add(report);
        });
        for (Path file : expanded) {
            FileDiagnostics report = new FileDiagnostics(file.toString());
            reports.add(report);
            try {
                yaml.read(Files.readString(file, StandardCharsets.UTF_8), report, parsed);
            } catch (CharacterCodingException e) {
                report.fileError("not UTF-8 text");
            } catch (IOException e) {
                report.fileError("cannot read: " + e.getMessage());
            }
        }
        return finish(reports, parsed, refs);
    }

    /**
     * Loads YAML text as if it were one file named {@code fileName} (for tests and tools).
     *
     * @param refs the server config's {@code refs}, used to resolve {@code subscriber.ref}
     */
    public LoadResult loadString(String fileName, String text, List<RefMapping> refs) {
        return loadStrings(Map.of(fileName, text), refs);
    }

    /** Loads several named texts as one file set, in the map's iteration order. */
    public LoadResult loadStrings(Map<String, String> texts, List<RefMapping> refs) {
        List<FileDiagnostics> reports = new ArrayList<>();
        ParsedResources parsed = new ParsedResources();
        texts.forEach((name, text) -> {
            FileDiagnostics report = new FileDiagnostics(name);
            reports.add(report);
            yaml.read(text, report, parsed);
        });
        return finish(reports, parsed, refs);
    }

    private LoadResult finish(List<FileDiagnostics> reports, ParsedResources parsed, List<RefMapping> refs) {
        parsed.reportDuplicates();
        List<Diagnostic> diagnostics = new ArrayList<>();
        reports.forEach(report -> diagnostics.addAll(report.diagnostics()));
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new LoadResult.Invalid(diagnostics);
        }
        return new LoadResult.Valid(
                ResourceSet.assemble(parsed.brokers(), parsed.triggers(), refs, credentials, diagnostics));
    }
}
