package dev.switchboard.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl examples of a Markdown page, so that a test can run them. The convention (docs/samples.md): in a fenced
 * block marked {@code bash} or {@code sh}, a command starts on a line beginning with {@code curl} and goes on while
 * lines end with a backslash; the comment lines right after it show what it answers, first the status line of
 * {@code curl -i} ({@code # HTTP/1.1 202 Accepted}), then optionally the exact response body ({@code # {"error":...}}).
 * Examples address the ingress as {@code 127.0.0.1:8080} and the ops port as {@code 127.0.0.1:9090}.
 */
final class CurlExamples {
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*)\\s*$");
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) .+$");

    /** One example: the command as written, where it starts (1-based line), the status it shows, and its body. */
    record Example(String command, int line, Optional<String> statusLine, Optional<String> body) {
        int status() {
            Matcher matcher = STATUS.matcher(statusLine.orElseThrow());
            if (!matcher.matches()) {
                throw new IllegalStateException("line " + line + ": not an HTTP/1.1 status line: " + statusLine);
            }
            return Integer.parseInt(matcher.group(1));
        }

        /** The command with the documented ports replaced by the real ones. */
        String against(int ingressPort, int opsPort) {
            return command.replace("127.0.0.1:8080", "127.0.0.1:" + ingressPort)
                    .replace("127.0.0.1:9090", "127.0.0.1:" + opsPort);
        }
    }

    private CurlExamples() {}

    static List<Example> in(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Example> examples = new ArrayList<>();
        boolean shell = false;
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (fence.matches()) {
                shell = !fenced
                        && (fence.group(1).equals("bash") || fence.group(1).equals("sh"));
                fenced = !fenced;
                continue;
            }
            if (!shell || !lines.get(i).strip().startsWith("curl ")) {
                continue;
            }
            int start = i;
            StringBuilder command = new StringBuilder(lines.get(i).strip());
            while (lines.get(i).endsWith("\\") && i + 1 < lines.size()) {
                command.append('\n').append(lines.get(++i));
            }
            Optional<String> status = comment(lines, i + 1);
            Optional<String> body = status.isPresent() ? comment(lines, i + 2) : Optional.empty();
            examples.add(new Example(command.toString(), start + 1, status, body));
        }
        return examples;
    }

    private static Optional<String> comment(List<String> lines, int index) {
        if (index >= lines.size() || !lines.get(index).strip().startsWith("# ")) {
            return Optional.empty();
        }
        return Optional.of(lines.get(index).strip().substring(2));
    }
}
