package dev.switchboard.loadtest.report;

import java.util.List;

/**
 * A line chart to draw: title, axis titles, lines, and the axis kinds. A {@code percentileX} chart takes x
 * as the percentile's number of nines, log10(1 / (1 − p)), labelled in percent, the usual way to show a
 * whole latency distribution with its tail readable.
 *
 * @param file the PNG's file name in the report folder
 */
public record Chart(
        String file, String title, String xTitle, String yTitle, boolean percentileX, boolean logY, List<Line> lines) {
    public Chart {
        lines = List.copyOf(lines);
    }

    /** Whether there is anything to draw. */
    public boolean hasData() {
        return lines.stream().anyMatch(line -> !line.x().isEmpty());
    }
}
