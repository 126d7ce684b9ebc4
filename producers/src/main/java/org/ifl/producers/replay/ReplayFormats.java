package org.ifl.producers.replay;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
}
