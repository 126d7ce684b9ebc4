package org.ifl.benchmarks.stats;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/** Follows the committed total of a run towards its target: progress lines, stalls, a failed stream. */
final class CommitWatch {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final String what;
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure;
    private final long stallTimeoutSeconds;
    private final Consumer<String> progress;
    private long last = -1;
    private long lastMoved;
    private long nextReport;

    /**
     * @param what the records counted, for the messages
     * @param failure where the stream's uncaught exception handler puts what killed a stream thread
     * @param start {@link System#nanoTime()} at which the watch begins
     */
    CommitWatch(String what, KafkaStreams streams, AtomicReference<Throwable> failure, long start,
            long stallTimeoutSeconds, Consumer<String> progress) {
        this.what = what;
        this.streams = streams;
        this.failure = failure;
        this.lastMoved = start;
        this.nextReport = start + PROGRESS_EVERY.toNanos();
        this.stallTimeoutSeconds = stallTimeoutSeconds;
        this.progress = progress;
    }

    /** Whether {@code done} reached {@code target}; throws when the stream failed or stalled. */
    boolean reached(long done, long target, long now) {
        if (done >= target) {
            return true;
        }
        KafkaStreams.State state = streams.state();
        if (failure.get() != null || state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException("the application failed after committing " + done + " of "
                    + target + " " + what + ": " + (failure.get() == null ? state : failure.get()),
                    failure.get());
        }
        if (done > last) {
            last = done;
            lastMoved = now;
        } else if (now - lastMoved > Duration.ofSeconds(stallTimeoutSeconds).toNanos()) {
            throw new IllegalStateException("no committed offset moved for " + stallTimeoutSeconds
                    + " s after " + done + " of " + target + " " + what + " (streams " + state + ")");
        }
        if (now > nextReport) {
            progress.accept(String.format(Locale.ROOT, "  %,d of %,d %s committed", done, target, what));
            nextReport = now + PROGRESS_EVERY.toNanos();
        }
        return false;
    }
}
