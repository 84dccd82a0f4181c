package dev.switchboard.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
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
        xy.getStyler().setYAxisLogarithmic(chart.logY());
        xy.getStyler().setYAxisMin(chart.logY() ? null : 0.0);
        xy.getStyler().setyAxisTickLabelsFormattingFunction(PngChartRenderer::number);
        if (chart.percentileX()) {
            xy.getStyler().setXAxisLogarithmic(true);
            xy.getStyler().setxAxisTickLabelsFormattingFunction(PngChartRenderer::percentile);
        }
        int drawn = 0;
        for (Line line : chart.lines()) {
            if (line.x().isEmpty()) {
                continue;
            }
            XYSeries series = xy.addSeries(line.name(), line.x(), line.y());
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

    /** 1 / (1 − p) back to "99.9%". */
    static String percentile(double oneIn) {
        double percent = 100 * (1 - 1 / oneIn);
        if (percent <= 0) {
            return "0%";
        }
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
        return new DecimalFormat("0.###").format(value);
    }
}
