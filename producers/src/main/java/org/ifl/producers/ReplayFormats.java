package org.ifl.producers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ifl.producers.internal.replay.CompletionJsonl;
import org.ifl.producers.internal.replay.LanguageConfusionCsv;
import org.ifl.producers.internal.replay.MultiqCompletions;
import org.ifl.schemas.avro.Completion;

/** The replay formats there are, by the name the command line uses. */
public final class ReplayFormats {
    private static final List<ReplayReader> ALL = List.of(new CompletionJsonl(), new LanguageConfusionCsv(),
            new MultiqCompletions());

    private ReplayFormats() {
    }

    public static List<ReplayReader> all() {
        return ALL;
    }

    public static Optional<ReplayReader> byFormat(String format) {
        String wanted = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(r -> r.format().equals(wanted)).findFirst();
    }

    public static List<String> formats() {
        return ALL.stream().map(ReplayReader::format).toList();
    }

    /** The project's own format: one {@code Completion} per line, as JSON (docs/replay.md). */
    public static ReplayReader jsonl() {
        return ALL.get(0);
    }

    /** {@code completion} as one line of the {@link #jsonl()} format, line end included. */
    public static void writeJsonl(Completion completion, Writer out) throws IOException {
        CompletionJsonl.write(completion, out);
    }
}
