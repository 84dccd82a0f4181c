package dev.switchboard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code snippets in Markdown that come from compiled sample sources. A page marks a fenced block with an HTML comment
 * on the line before it, {@code <!-- snippet: ProducerSample.java#send-binary -->}; the source marks the region with
 * comment lines {@code // tag::send-binary[]} and {@code // end::send-binary[]}. The block must hold exactly the
 * region's lines, less their common indentation; a block indented in a list item is read less its fence's indentation
 * (docs/samples.md).
 */
final class DocSnippets {
    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: (\\S+)#(\\S+) -->$");
    private static final Pattern FENCE = Pattern.compile("^```.*$");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*(//|#) (tag|end)::[a-z0-9-]+\\[]\\s*$");
    private static final Pattern TAG_NAME = Pattern.compile("(?://|#) tag::([a-z0-9-]+)\\[]");

    /** A marked block of a page: the file and tag it names, where its marker is (1-based), and its text. */
    record Snippet(String file, String tag, int line, String text) {}

    private DocSnippets() {}

    /** The marked blocks of a Markdown page; a marker not followed by a fenced block is an error. */
    static List<Snippet> in(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (!marker.matches()) {
                continue;
            }
            int open = i + 1;
            if (open >= lines.size() || !FENCE.matcher(lines.get(open).strip()).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a snippet marker must be followed by ```");
            }
            String indent = lines.get(open).substring(0, lines.get(open).indexOf('`'));
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).equals(indent + "```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalArgumentException("line " + (open + 1) + ": the fenced block is not closed");
            }
            List<String> text = new ArrayList<>();
            for (String line : lines.subList(open + 1, close)) {
                if (!line.isBlank() && !line.startsWith(indent)) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": the block's lines must be indented as" + " its fence");
                }
                text.add(line.isBlank() ? "" : line.substring(indent.length()));
            }
            snippets.add(new Snippet(marker.group(1), marker.group(2), i + 1, joined(text)));
            i = close;
        }
        return snippets;
    }

    /** The region {@code tag} of a source, without its tag lines and their common indentation, if it is there. */
    static Optional<String> region(String source, String tag) {
        List<String> lines = source.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (start < 0 && (line.equals("// tag::" + tag + "[]") || line.equals("# tag::" + tag + "[]"))) {
                start = i + 1;
            } else if (start >= 0 && (line.equals("// end::" + tag + "[]") || line.equals("# end::" + tag + "[]"))) {
                List<String> body = lines.subList(start, i).stream()
                        .filter(candidate -> !TAG_LINE.matcher(candidate).matches())
                        .toList();
                return Optional.of(joined(dedented(body)));
            }
        }
        return Optional.empty();
    }

    /** The names of the regions a source marks. */
    static List<String> tags(String source) {
        return TAG_NAME.matcher(source).results().map(result -> result.group(1)).toList();
    }

    private static List<String> dedented(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .toList();
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }
}
