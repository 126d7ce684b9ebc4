package org.ifl.producers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line for publishing and replaying: done of total, the rate and the time left. On a terminal it
 * redraws one line in place a few times a second; otherwise (a log, a pipe) it prints a line after a second,
 * then every few seconds. {@link #finish()} prints the final line. The rate is measured from the first
 * {@link #advance}, so time spent before the first unit is done (connecting, fetching metadata) does not make
 * the rate look slow and the time left huge; until a second of work is measured no time left is shown.
 *
 * <pre>publishing [#########-----------]   4,500 / 10,000 queries  45%   1,210/s  ETA 0:05
 * checking [####----------------]   212.3 / 1,073.7 MB  19%   70.8 MB/s  ETA 0:13</pre>
 */
public final class Progress {
    private static final int BAR = 20;
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long FIRST_NANOS = Duration.ofSeconds(1).toNanos();
    private static final double MB = 1e6;

    private final PrintStream out;
    private final String action;
    private final String unit;
    private final long total;
    private final boolean terminal;
    private final boolean bytes;
    private final LongSupplier nanos;
    private final long start;
    private long done;
    private long firstAdvance = -1;
    private long doneAtFirstAdvance;
    private long lastDrawn;
    private boolean drawn;
    private long doneWhenDrawn = -1;

    public Progress(PrintStream out, String action, String unit, long total, boolean terminal, LongSupplier nanos) {
        this(out, action, unit, total, terminal, false, nanos);
    }

    /** @param bytes when what is counted is bytes, shown in MB ({@code unit} is then not shown) */
    public Progress(PrintStream out, String action, String unit, long total, boolean terminal, boolean bytes,
            LongSupplier nanos) {
        this.out = out;
        this.action = action;
        this.unit = unit;
        this.total = total;
        this.terminal = terminal;
        this.bytes = bytes;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastDrawn = start;
    }

    /** Progress on stderr, redrawn in place when this process has a terminal. */
    public static Progress onStderr(String action, String unit, long total) {
        return new Progress(System.err, action, unit, total, System.console() != null, System::nanoTime);
    }

    /** Progress through {@code total} bytes (a file read), in MB, on stderr. */
    public static Progress bytesOnStderr(String action, long total) {
        return new Progress(System.err, action, "MB", total, System.console() != null, true, System::nanoTime);
    }

    /** A progress that prints nothing. */
    public static Progress silent(long total) {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), "", "", total, false, System::nanoTime);
    }

    public void advance(long n) {
        long now = nanos.getAsLong();
        if (firstAdvance < 0) {
            firstAdvance = now;
            doneAtFirstAdvance = n;
        }
        done += n;
        if (now - lastDrawn >= (terminal ? REDRAW_NANOS : drawn ? LOG_NANOS : FIRST_NANOS)) {
            lastDrawn = now;
            draw(now, false);
        }
    }

    public long done() {
        return done;
    }

    public double seconds() {
        return (nanos.getAsLong() - start) / 1e9;
    }

    /** Draws the final line (unless a log line just said the same). */
    public void finish() {
        if (terminal || done != doneWhenDrawn) {
            draw(nanos.getAsLong(), true);
        }
    }

    /** The line as drawn at {@code now}, without its leading carriage return. */
    String line(long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        double measured = firstAdvance < 0 ? 0 : (now - firstAdvance) / 1e9;
        double rate = measured >= 1 ? (done - doneAtFirstAdvance) / measured : done / seconds;
        int filled = total > 0 ? (int) Math.min(BAR, BAR * done / total) : 0;
        StringBuilder s = new StringBuilder(action).append(" [").append("#".repeat(filled))
                .append("-".repeat(BAR - filled)).append("] ");
        if (bytes) {
            s.append(String.format(Locale.ROOT, "%,9.1f / %,.1f MB  %3d%%  %,6.1f MB/s", done / MB, total / MB,
                    total > 0 ? 100 * done / total : 100, rate / MB));
        } else {
            s.append(String.format(Locale.ROOT, "%,9d / %,d %s  %3d%%  %,8.0f/s", done, total, unit,
                    total > 0 ? 100 * done / total : 100, rate));
        }
        if (done < total && measured >= 1 && rate > 0) {
            long left = (long) Math.ceil((total - done) / rate);
            s.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        } else if (done < total) {
            s.append("  ETA ...");
        } else {
            s.append(String.format(Locale.ROOT, "  in %.1f s", seconds));
        }
        return s.toString();
    }

    private void draw(long now, boolean last) {
        drawn = true;
        doneWhenDrawn = done;
        if (terminal) {
            out.print("\r" + line(now) + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line(now));
        }
        out.flush();
    }
}
