package dev.switchboard.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a {@link Chart} as a PNG with XChart, offline (headless AWT). */
public final class PngChartRenderer {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 440;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    public void render(Chart chart, Path file) throws IOException {
        XYChart xy = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(chart.title())
                .xAxisTitle(chart.xTitle())
                .yAxisTitle(chart.yTitle())
                .build();
        Styler styler = xy.getStyler();
        xy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        xy.getStyler().setChartBackgroundColor(Color.WHITE);
        xy.getStyler().setPlotBackgroundColor(Color.WHITE);
        xy.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        xy.getStyler().setPlotBorderVisible(false);
        xy.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        xy.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        xy.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        xy.getStyler().setLegendBorderColor(Color.WHITE);
        xy.getStyler().setAntiAlias(true);
        styler.setSeriesColors(PALETTE);
        // XChart's own log axis labels only whole decades, so a log y is drawn as log10(y) on a linear axis
        // with ticks labelled back in y units
        if (chart.logY()) {
            xy.getStyler().setyAxisTickLabelsFormattingFunction(log -> number(Math.pow(10, log)));
        } else {
            xy.getStyler().setYAxisMin(0.0);
            xy.getStyler().setyAxisTickLabelsFormattingFunction(PngChartRenderer::number);
        }
        xy.getStyler()
                .setxAxisTickLabelsFormattingFunction(
                        chart.percentileX() ? PngChartRenderer::percentile : PngChartRenderer::number);
        int drawn = 0;
        for (Line line : chart.lines()) {
            if (line.x().isEmpty()) {
                continue;
            }
            List<Double> y = chart.logY()
                    ? line.y().stream()
                            .map(value -> Math.log10(Math.max(value, 1e-3)))
                            .toList()
                    : line.y();
            XYSeries series = xy.addSeries(line.name(), line.x(), y);
            series.setMarker(line.x().size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            series.setLineWidth(1.8f);
            if (line.name().contains("target")) {
                series.setLineStyle(
                        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
                series.setMarker(SeriesMarkers.NONE);
            }
            drawn++;
        }
        if (drawn == 0) {
            xy.addSeries("no data", new double[] {0}, new double[] {0});
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(xy, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** log10(1 / (1 − p)) back to "99.9%", labelled at whole nines only. */
    static String percentile(double nines) {
        if (Math.abs(nines - Math.rint(nines)) > 1e-6) {
            return "";
        }
        double percent = 100 * (1 - Math.pow(10, -Math.rint(nines)));
        return new DecimalFormat("0.#####").format(percent) + "%";
    }

    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1_000_000) {
            return new DecimalFormat("0.#").format(value / 1_000_000) + "M";
        }
        if (magnitude >= 10_000) {
            return new DecimalFormat("0.#").format(value / 1_000) + "k";
        }
        if (magnitude >= 10) {
            return new DecimalFormat("0").format(value);
        }
        if (magnitude >= 1) {
            return new DecimalFormat("0.#").format(value);
        }
        return new DecimalFormat("0.##").format(value);
    }
}
