package org.ifl.producers.internal.replay;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * The records of a CSV file, one at a time, each with the line it starts on: physical lines are joined while a
 * quoted cell is open (RFC 4180: an odd number of quotes so far; pandas' {@code to_csv} writes a multi-line
 * answer so), and a record is split into cells by {@link CsvTable#cells}. Blank lines between records are
 * ignored. A record that is not valid CSV is a problem at its first line and the next one is read; one whose
 * quote stays open for more than a line may hold, or that holds a line that could not be read, stops the
 * reading there, since where the next record starts is then unknown.
 */
final class CsvRecords {
    private final ReplayLines lines;
    private final InputProblems problems;
    private final int maxRecordChars;
    private boolean stopped;

    /** One record: the line it starts on and its cells. */
    record Record(long line, List<String> cells) {
    }

    CsvRecords(ReplayLines lines, InputProblems problems, int maxRecordChars) {
        this.lines = lines;
        this.problems = problems;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the file or where reading stopped. */
    Record next() throws IOException {
        while (!stopped && lines.hasNext()) {
            String first = lines.next();
            long start = lines.number();
            if (first == null || first.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder(first);
            boolean open = quotes(first) % 2 == 1;
            while (open) {
                if (!lines.hasNext()) {
                    return stop(start, "a quoted cell opened here is never closed");
                }
                String more = lines.next();
                if (more == null) {
                    return stop(start, "the record starting here holds line " + lines.number()
                            + ", which could not be read");
                }
                if (text.length() + 1 + more.length() > maxRecordChars) {
                    return stop(start, String.format(Locale.ROOT, "a quoted cell opened here is still open "
                            + "after %,d characters, more than a record may have", text.length()));
                }
                text.append('\n').append(more);
                open = (quotes(more) % 2 == 1) != open;
            }
            try {
                return new Record(start, CsvTable.cells(text.toString()));
            } catch (IOException e) {
                problems.add(new InputProblem(lines.path(), start, null, "not valid CSV: " + e.getMessage()));
            }
        }
        return null;
    }

    private Record stop(long line, String why) {
        stopped = true;
        problems.add(new InputProblem(lines.path(), line, null, "not valid CSV, reading stopped here: " + why));
        return null;
    }

    private static int quotes(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }
}
