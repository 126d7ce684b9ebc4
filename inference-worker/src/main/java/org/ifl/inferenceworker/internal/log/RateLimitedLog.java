package org.ifl.inferenceworker.internal.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a recurring problem without flooding the log: the first occurrence of each kind (its key, e.g. an error
 * code) in full, then at most one line per kind and interval, with how many occurred since its last line and the
 * latest of them. {@link #flush()} writes what is still uncounted, e.g. when a service stops. Thread-safe.
 */
public final class RateLimitedLog {
    private final Consumer<String> sink;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /** What was counted of one kind since its last line. */
    private static final class Tally {
        long lastLineNanos;
        long since;
        String latest;
    }

    /**
     * @param sink     where lines go
     * @param interval the least time between two lines of one kind
     * @param nanoTime the clock, as {@link System#nanoTime()}
     */
    public RateLimitedLog(Consumer<String> sink, Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, not " + interval);
        }
        this.sink = sink;
        this.interval = interval;
        this.nanoTime = nanoTime;
    }

    /** Lines at WARN on {@code logger}, at most one per kind and {@code interval}. */
    public static RateLimitedLog warnings(Logger logger, Duration interval) {
        return new RateLimitedLog(logger::warn, interval, System::nanoTime);
    }

    /** Lines at INFO on {@code logger}, at most one per kind and {@code interval}. */
    public static RateLimitedLog notices(Logger logger, Duration interval) {
        return new RateLimitedLog(logger::info, interval, System::nanoTime);
    }

    /**
     * Counts one occurrence of {@code kind}; logs it when it is the kind's first, or when an interval has passed
     * since the kind's last line.
     *
     * @param detail what happened this time, e.g. {@code query <id>: <reason>}
     */
    public void record(String kind, String detail) {
        String line;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            Tally tally = tallies.get(kind);
            if (tally == null) {
                tally = new Tally();
                tally.lastLineNanos = now;
                tallies.put(kind, tally);
                line = kind + ": " + detail + " (further ones are counted and logged at most once every "
                        + describe(interval) + ")";
            } else {
                tally.since++;
                tally.latest = detail;
                if (now - tally.lastLineNanos < interval.toNanos()) {
                    return;
                }
                line = summary(kind, tally, now);
            }
        }
        sink.accept(line);
    }

    /** Logs, for every kind counted since its last line, how many and the latest. */
    public void flush() {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            tallies.forEach((kind, tally) -> {
                if (tally.since > 0) {
                    lines.add(summary(kind, tally, now));
                }
            });
        }
        lines.forEach(sink);
    }

    private static String summary(String kind, Tally tally, long now) {
        String line = kind + ": " + tally.since + " more in the last " + describe(Duration.ofNanos(now
                - tally.lastLineNanos)) + "; the latest: " + tally.latest;
        tally.since = 0;
        tally.latest = null;
        tally.lastLineNanos = now;
        return line;
    }

    private static String describe(Duration duration) {
        long seconds = Math.max(duration.toSeconds(), duration.isZero() ? 0 : 1);
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
