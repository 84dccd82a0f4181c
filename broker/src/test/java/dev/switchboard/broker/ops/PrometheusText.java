package dev.switchboard.broker.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The samples of a Prometheus text exposition, parsed just enough to look values up by name and labels. */
final class PrometheusText {
    /** One sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    PrometheusText(String text) {
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int eq = body.indexOf('=', i);
                    int open = body.indexOf('"', eq);
                    int close = open + 1;
                    while (body.charAt(close) != '"' || body.charAt(close - 1) == '\\') {
                        close++;
                    }
                    labels.put(body.substring(i, eq).trim(), body.substring(open + 1, close));
                    i = body.indexOf(',', close) < 0 ? body.length() : body.indexOf(',', close) + 1;
                }
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String value = line.substring(space + 1);
            parsed.add(new Sample(
                    name, labels, value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value)));
        }
        this.samples = List.copyOf(parsed);
    }

    /** The value of the sample with exactly this name and these labels. */
    Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
                .map(Sample::value)
                .findFirst();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    List<Sample> samples() {
        return samples;
    }
}
