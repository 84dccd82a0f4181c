package dev.switchboard.triggers.yaml;

import java.io.StringReader;
import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Splits one file's text into YAML documents ({@code ---}) with SnakeYAML's composer, which keeps each node's
 * position, and hands each document to a {@link DocumentReader}. A syntax error is reported where SnakeYAML
 * found it and ends the file (the parser cannot resume); documents before it are still checked.
 */
final class YamlSource {

    private final LoaderOptions options;

    YamlSource() {
        options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by YamlMapping, with both places
        options.setMaxAliasesForCollections(50);
    }

    void read(String text, FileDiagnostics report, ParsedResources into) {
        DocumentReader reader = new DocumentReader(report, into);
        Iterator<Node> documents =
                new Yaml(options).composeAll(new StringReader(text)).iterator();
        try {
            while (documents.hasNext()) {
                Node document = documents.next();
                if (document != null && !NodeDescription.isNull(document)) {
                    reader.read(document);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            report.error(mark, "", "YAML syntax error: " + context + e.getProblem());
        } catch (YAMLException e) {
            report.fileError("YAML error: " + e.getMessage());
        }
    }
}
