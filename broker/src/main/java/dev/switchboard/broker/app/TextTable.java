package dev.switchboard.broker.app;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as {@code kubectl} and {@code kn} print one: a header row in capitals, left-aligned columns three spaces
 * apart, no trailing spaces. Columns can be left out by name (the list commands drop NAMESPACE under {@code -n}).
 */
final class TextTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    TextTable add(List<String> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + row);
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** The table without the column named {@code column}. */
    TextTable without(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            return this;
        }
        TextTable narrower = new TextTable(dropped(columns, index));
        rows.forEach(row -> narrower.add(dropped(row, index)));
        return narrower;
    }

    String render() {
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        int[] widths = new int[columns.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static List<String> dropped(List<String> cells, int index) {
        List<String> copy = new ArrayList<>(cells);
        copy.remove(index);
        return copy;
    }
}
