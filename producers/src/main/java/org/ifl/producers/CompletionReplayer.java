package org.ifl.producers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.ifl.producers.internal.replay.ReplayCheck;
import org.ifl.producers.internal.replay.ReplayPass;
import org.ifl.producers.internal.replay.ReplaySink;
import org.ifl.producers.internal.replay.ReplayedCompletion;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.topic.RecordKey;

/**
 * Publishes stored completions to eval.completions as if inference had just produced them: keyed by cell
 * (like a worker's), each with its original completion time as the record timestamp, as fast as the
 * producer goes or paced to a rate. The ids come from the file, so replaying it again changes nothing
 * downstream.
 *
 * <p>A file is read twice, one record at a time, so its size does not matter: {@link #check} reads it whole
 * and finds everything the reader or the broker would refuse (see {@link ReplayLimits}); {@link #send}, only
 * for a file that passed, reads it again and sends. Nothing is sent from a file with a problem.
 */
public final class CompletionReplayer {
    private final ReplayReader reader;
    private final ReplayDefaults defaults;
    private final ReplayLimits limits;
    private final LongSupplier nanos;

    public CompletionReplayer(ReplayReader reader, ReplayDefaults defaults, ReplayLimits limits,
            LongSupplier nanos) {
        this.reader = reader;
        this.defaults = defaults;
        this.limits = limits;
        this.nanos = nanos;
    }

    /**
     * A file that passed the check: what {@link #send} needs and the summary says.
     *
     * @param contentRunId the run id derived from the file's bytes, for records that name no run
     * @param skipped      the first {@link org.ifl.producers.internal.suite.read.InputProblems#LIMIT} skipped
     *                     rows; {@code skippedRows} counts them all
     * @param largestRecord the largest record in bytes, as the producer measures it, on {@code largestLine}
     */
    public record Checked(Path file, long bytes, FileTime modified, String contentRunId, long records,
            long skippedRows, List<Skipped> skipped, int largestRecord, long largestLine, ReplayLimits limits,
            long startNanos, double seconds) {

        public Checked {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Reads {@code file} whole, record by record, and checks every record: what the reader checks (syntax,
     * fields, languages), then its size and times against the limits and its completion id against the
     * others. A second read, of the possibly repeated ids only, happens only when two ids share a hash.
     *
     * @param progress advanced by the bytes read; its total should be the file's size
     * @throws InputException naming every problem (up to 50), when there is one
     */
    public Checked check(Path file, Progress progress) throws IOException {
        long start = nanos.getAsLong();
        long bytes = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        ReplayPass pass = ReplayPass.check(file, defaults, limits.maxLineBytes(), progress::advance);
        ReplayCheck check = new ReplayCheck(limits, pass.problems());
        reader.read(pass, check);
        progress.finish();
        if (check.hasPossibleDuplicates() && !pass.problems().full()) {
            // The ids of the first read, with the same stand-in for the content run id, so their hashes match.
            reader.read(ReplayPass.check(file, defaults, limits.maxLineBytes(), n -> { }), check.duplicates());
        }
        pass.problems().throwIfAny();
        return new Checked(file, bytes, modified, pass.contentRunId(), check.records(), check.skippedRows(),
                check.skipped(), check.largestRecord(), check.largestRecordLine(), limits, start,
                (nanos.getAsLong() - start) / 1e9);
    }

    /**
     * Reads the checked file again and sends each completion (under a dry run, counts it), then waits for the
     * broker's acknowledgements.
     *
     * @param ratePerSecond records per second, or 0 for as fast as possible
     * @param progress      advanced by the records sent; its total should be {@link Checked#records}
     * @throws InputException when the file changed since it was checked
     */
    public Report send(Checked checked, RecordSender<Completion> sender, double ratePerSecond, Progress progress)
            throws IOException {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("the replay rate must be 0 (as fast as possible) or positive, not "
                    + ratePerSecond);
        }
        Path file = checked.file();
        if (Files.size(file) != checked.bytes() || !Files.getLastModifiedTime(file).equals(checked.modified())) {
            throw new InputException(List.of(InputProblem.ofFile(file, "changed since it was checked; nothing "
                    + "was sent, replay it again")));
        }
        long start = nanos.getAsLong();
        ReplayPass pass = ReplayPass.again(file, defaults, checked.contentRunId(), limits.maxLineBytes());
        long[] sent = {0};
        reader.read(pass, new ReplaySink() {
            @Override
            public void completion(ReplayedCompletion replayed) {
                if (ratePerSecond > 0) {
                    long wait = start + (long) (sent[0] * 1e9 / ratePerSecond) - nanos.getAsLong();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                Completion completion = replayed.completion();
                sender.send(RecordKey.cell(completion.getPair()), completion, replayed.timestamp().toEpochMilli());
                sent[0]++;
                progress.advance(1);
            }

            @Override
            public void skipped(Skipped row) {
            }
        });
        RecordSender.Delivery delivery = sender.flush();
        progress.finish();
        long end = nanos.getAsLong();
        String changed = !pass.problems().isEmpty() || sent[0] != checked.records()
                || !pass.contentRunId().equals(checked.contentRunId())
                ? "the file changed while it was sent: " + (pass.problems().isEmpty() ? "it is not the file checked"
                        : pass.problems().exception().problems().get(0).toString())
                : null;
        return new Report(checked, sent[0], (end - start) / 1e9, (end - checked.startNanos()) / 1e9, delivery,
                changed);
    }

    /**
     * What a replay did.
     *
     * @param sent         completions given to the sender (under a dry run, counted)
     * @param sendSeconds  the second read, with the sends and the wait for their acknowledgements
     * @param totalSeconds from the start of the check to the last acknowledgement
     * @param changed      why the file sent is not the file checked, or null
     */
    public record Report(Checked checked, long sent, double sendSeconds, double totalSeconds,
            RecordSender.Delivery delivery, String changed) {

        public boolean complete() {
            return changed == null && delivery.complete();
        }

        public String describe() {
            Checked c = checked;
            String n = System.lineSeparator();
            StringBuilder s = new StringBuilder();
            if (delivery.dryRun()) {
                s.append(String.format(Locale.ROOT, "%s: would publish %,d %s to %s (dry run: nothing sent); "
                        + "checked in %.1f s, read again in %.1f s, %.1f s in all%n", c.file(), sent,
                        completions(sent), delivery.topic(), c.seconds(), sendSeconds, totalSeconds));
            } else {
                s.append(String.format(Locale.ROOT, "%s: %,d %s sent to %s; checked in %.1f s, sent in %.1f s "
                        + "(%,.0f records/s), %.1f s in all%n", c.file(), sent, completions(sent), delivery.topic(),
                        c.seconds(), sendSeconds, sendSeconds > 0 ? sent / sendSeconds : 0, totalSeconds));
            }
            s.append("  ").append(delivery).append(n);
            if (changed != null) {
                s.append("  ").append(changed).append(n);
            }
            s.append(String.format(Locale.ROOT, "  largest record %,d bytes (line %,d); limits: %s%n",
                    c.largestRecord(), c.largestLine(), c.limits().describe()));
            if (c.skippedRows() > 0) {
                s.append(String.format(Locale.ROOT, "  %,d rows skipped%s:%n", c.skippedRows(),
                        c.skippedRows() > c.skipped().size() ? ", the first " + c.skipped().size() : ""));
                c.skipped().forEach(k -> s.append("  skipped ").append(k).append(n));
            }
            return s.toString();
        }

        private static String completions(long n) {
            return n == 1 ? "completion" : "completions";
        }
    }
}
