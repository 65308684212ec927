package org.l1embed.cli.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of strings laid out in aligned columns separated by two spaces, with a header line; no trailing
 * spaces. Built locally by one command and rendered once:
 * <pre>{@code
 * TextTable t = new TextTable().left("layer").right("raw");
 * t.row("dense1", "44");
 * out.print(t.render());
 * }</pre>
 */
public final class TextTable {

    /** How a column's cells are aligned. */
    public enum Align { LEFT, RIGHT }

    private record Column(String header, Align align) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a left-aligned column. */
    public TextTable left(String header) {
        return column(header, Align.LEFT);
    }

    /** Adds a right-aligned column (for numbers). */
    public TextTable right(String header) {
        return column(header, Align.RIGHT);
    }

    /** Adds a column; only before the first row. */
    public TextTable column(String header, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("add columns before rows");
        }
        columns.add(new Column(Objects.requireNonNull(header, "header"), Objects.requireNonNull(align, "align")));
        return this;
    }

    /**
     * Adds a row of cells, one per column.
     *
     * @throws IllegalArgumentException if the number of cells differs from the number of columns
     */
    public TextTable row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row needs " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The header and every row, each line prefixed by {@code indent} and ending in a newline. */
    public String render(String indent) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).header().length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, columns.stream().map(Column::header).toList(), widths);
        for (List<String> row : rows) {
            line(sb, indent, row, widths);
        }
        return sb.toString();
    }

    /** As {@link #render(String)} without indentation. */
    public String render() {
        return render("");
    }

    private void line(StringBuilder sb, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c > 0) {
                line.append("  ");
            }
            line.append(columns.get(c).align() == Align.RIGHT ? pad + cell : cell + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
