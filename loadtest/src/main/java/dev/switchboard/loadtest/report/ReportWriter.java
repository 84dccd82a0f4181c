package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes a report folder: {@code report.json} (every figure, latencies in microseconds), one PNG per chart,
 * and {@code index.html} showing them.
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "index.html";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final PngChartRenderer renderer = new PngChartRenderer();

    /** Writes the report into {@code folder} (created if needed) and returns the HTML page's path. */
    public Path write(ScenarioReport report, Path folder) throws IOException {
        Files.createDirectories(folder);
        json.writeValue(folder.resolve(JSON).toFile(), report);
        Set<String> drawn = new LinkedHashSet<>();
        for (Chart chart : ReportCharts.of(report)) {
            if (chart.hasData()) {
                renderer.render(chart, folder.resolve(chart.file()));
                drawn.add(chart.file());
            }
        }
        Path page = folder.resolve(HTML);
        Files.writeString(page, HtmlPage.of(report, drawn), StandardCharsets.UTF_8);
        return page;
    }

    /** The JSON mapper reports are written with, to read them back. */
    public ObjectMapper json() {
        return json;
    }
}
