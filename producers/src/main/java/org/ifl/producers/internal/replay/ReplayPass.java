package org.ifl.producers.internal.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongConsumer;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * One read of a replay file from start to end, and what its records share: the command line's defaults, the
 * run id of a file that names none, the time of a file that has none, and the problems found. A replay reads a
 * file twice: a check, which cannot know the file's content run id until its last byte (it uses
 * {@link ReplayIds#PENDING_RUN_ID}, as long as the real one) and learns it, then the send, which uses it.
 */
public final class ReplayPass {
    private final Path path;
    private final ReplayDefaults defaults;
    private final String contentRunId;
    private final Instant fallbackTime;
    private final int maxLineBytes;
    private final LongConsumer bytesRead;
    private final InputProblems problems;
    private ReplayLines lines;

    private ReplayPass(Path path, ReplayDefaults defaults, String contentRunId, int maxLineBytes,
            LongConsumer bytesRead) throws IOException {
        this.path = path;
        this.defaults = defaults;
        this.contentRunId = contentRunId;
        this.fallbackTime = defaults.fallbackTime() != null ? defaults.fallbackTime().truncatedTo(ChronoUnit.MILLIS)
                : Files.getLastModifiedTime(path).toInstant().truncatedTo(ChronoUnit.MILLIS);
        this.maxLineBytes = maxLineBytes;
        this.bytesRead = bytesRead;
        this.problems = InputProblems.stoppingAtLimit(path);
    }

    /** The first read, before the file's content run id is known; {@link #contentRunId()} tells it after. */
    public static ReplayPass check(Path path, ReplayDefaults defaults, int maxLineBytes, LongConsumer bytesRead)
            throws IOException {
        return new ReplayPass(path, defaults, ReplayIds.PENDING_RUN_ID, maxLineBytes, bytesRead);
    }

    /** A read after the check, with the content run id it found. */
    public static ReplayPass again(Path path, ReplayDefaults defaults, String contentRunId, int maxLineBytes)
            throws IOException {
        return new ReplayPass(path, defaults, contentRunId, maxLineBytes, n -> { });
    }

    public Path path() {
        return path;
    }

    public ReplayDefaults defaults() {
        return defaults;
    }

    public InputProblems problems() {
        return problems;
    }

    /** The lines of the file, opened once per pass; the reader closes them. */
    ReplayLines lines() throws IOException {
        if (lines != null) {
            throw new IllegalStateException("a pass reads " + path + " once");
        }
        lines = new ReplayLines(path, maxLineBytes, problems, bytesRead);
        return lines;
    }

    /** The longest line (or CSV record) read; a longer one is a problem. */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** The run of records whose file and command line name none. */
    String runId() {
        return defaults.runId() != null ? defaults.runId() : contentRunId;
    }

    /** Where the file has no times: the command line's, else the file's last-modified time. */
    Instant fallbackTime() {
        return fallbackTime;
    }

    /** The run id derived from the bytes read: of the whole file once the reader has read to its end. */
    public String contentRunId() {
        if (lines == null) {
            throw new IllegalStateException(path + " has not been read");
        }
        return ReplayIds.runIdOf(lines.sha256());
    }
}
