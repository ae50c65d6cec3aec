package io.staleguard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A Markdown table; the first column is left-aligned, the others right-aligned (numbers). */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private String caption;

    Table(String... header) {
        this.header = List.of(header);
    }

    /** A line printed above the table. */
    Table caption(String caption) {
        this.caption = caption;
        return this;
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("A row of " + header + " needs " + header.size() + " cells, not "
                    + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c instanceof Double d ? number(d) : String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    List<List<String>> rows() {
        return rows;
    }

    /** Three significant digits, no exponent: 0.0123, 1.23, 123, 12345. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 || a == 0 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, v);
    }

    String toMarkdown() {
        StringBuilder b = new StringBuilder();
        if (caption != null) {
            b.append(caption).append("\n\n");
        }
        b.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            b.append(i == 0 ? "---|" : "---:|");
        }
        b.append('\n');
        for (List<String> row : rows) {
            b.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return b.toString();
    }
}
