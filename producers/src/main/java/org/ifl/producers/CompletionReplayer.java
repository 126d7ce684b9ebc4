package org.ifl.producers;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.ifl.producers.internal.replay.ReplayedCompletion;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.topic.RecordKey;

/**
 * Publishes stored completions to eval.completions as if inference had just produced them: keyed by cell
 * (like a worker's), each with its original completion time as the record timestamp, as fast as the
 * producer goes or paced to a rate. The ids come from the file, so replaying it again changes nothing
 * downstream.
 */
public final class CompletionReplayer {
    private final RecordSender<Completion> sender;
    private final double ratePerSecond;
    private final LongSupplier nanos;

    /** @param ratePerSecond records per second, or 0 for as fast as possible */
    public CompletionReplayer(RecordSender<Completion> sender, double ratePerSecond, LongSupplier nanos) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("the replay rate must be 0 (as fast as possible) or positive, not "
                    + ratePerSecond);
        }
        this.sender = sender;
        this.ratePerSecond = ratePerSecond;
        this.nanos = nanos;
    }

    /** What a replay did. */
    public record Report(String file, long replayed, List<Skipped> skipped, double seconds,
            RecordSender.Delivery delivery) {

        public boolean complete() {
            return delivery.complete();
        }

        public String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "%s: %,d completions replayed, %,d rows skipped, in %.1f s (%,.0f records/s)%n", file, replayed,
                    skipped.size(), seconds, seconds > 0 ? replayed / seconds : 0));
            s.append("  ").append(delivery).append(System.lineSeparator());
            skipped.forEach(k -> s.append("  skipped ").append(k).append(System.lineSeparator()));
            return s.toString();
        }
    }

    public Report replay(String file, ReplayContents contents, Progress progress) {
        long start = nanos.getAsLong();
        long sent = 0;
        for (ReplayedCompletion replayed : contents.completions()) {
            if (ratePerSecond > 0) {
                long due = start + (long) (sent * 1e9 / ratePerSecond);
                long wait = due - nanos.getAsLong();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            Completion completion = replayed.completion();
            sender.send(RecordKey.cell(completion.getPair()), completion, replayed.timestamp().toEpochMilli());
            sent++;
            progress.advance(1);
        }
        RecordSender.Delivery delivery = sender.flush();
        progress.finish();
        return new Report(file, sent, contents.skipped(), progress.seconds(), delivery);
    }
}
