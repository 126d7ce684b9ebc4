package org.ifl.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell and two spaces between them. */
final class TextTable {

    enum Align { LEFT, RIGHT }

    record Column(String header, Align align) {
        static Column left(String header) {
            return new Column(header, Align.LEFT);
        }

        static Column right(String header) {
            return new Column(header, Align.RIGHT);
        }
    }

    private static final String GAP = "  ";

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    TextTable row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of this table has " + columns.size() + " cells, not "
                    + cells.length + ": " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
        return this;
    }

    String render() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).header().length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, columns.stream().map(Column::header).toArray(String[]::new), widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private void line(StringBuilder text, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String padding = " ".repeat(widths[c] - cells[c].length());
            if (columns.get(c).align() == Align.RIGHT) {
                line.append(padding).append(cells[c]);
            } else {
                line.append(cells[c]).append(padding);
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
