package dev.switchboard.loadtest.report;

import java.util.List;

/** One named line of a chart: x and y values of the same length. */
public record Line(String name, List<Double> x, List<Double> y) {
    public Line {
        x = List.copyOf(x);
        y = List.copyOf(y);
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("x and y differ in length: " + x.size() + " vs " + y.size());
        }
    }
}
