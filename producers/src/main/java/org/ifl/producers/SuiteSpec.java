package org.ifl.producers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A suite as named on the command line and in checkpoint registrations: {@code FORMAT[=PATH][,KEY=VALUE...]},
 * e.g. {@code sample}, {@code multiq=/data/multiq.csv}, {@code maxm=/data/maxm,captions=/data/captions.jsonl},
 * {@code visit-bench=/data/visit.csv,language=en}. The format names the adapter ({@link Suites}); the path is
 * the benchmark's file or folder as downloaded; the options are the adapter's.
 */
public record SuiteSpec(String format, Path path, Map<String, String> options) {

    public SuiteSpec {
        options = Map.copyOf(options);
    }

    public static SuiteSpec parse(String spec) {
        String[] parts = spec.strip().split(",");
        String head = parts[0];
        int eq = head.indexOf('=');
        String format = (eq < 0 ? head : head.substring(0, eq)).strip();
        if (format.isEmpty()) {
            throw new IllegalArgumentException("a suite is FORMAT[=PATH][,KEY=VALUE...], not '" + spec + "'");
        }
        Path path = eq < 0 ? null : Path.of(head.substring(eq + 1).strip());
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int e = parts[i].indexOf('=');
            if (e <= 0) {
                throw new IllegalArgumentException("suite option '" + parts[i] + "' in '" + spec
                        + "' is not KEY=VALUE");
            }
            options.put(parts[i].substring(0, e).strip(), parts[i].substring(e + 1).strip());
        }
        return new SuiteSpec(format, path, options);
    }

    /** The spec as it parses back: {@code FORMAT[=PATH][,KEY=VALUE...]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(format);
        if (path != null) {
            s.append('=').append(path);
        }
        options.forEach((k, v) -> s.append(',').append(k).append('=').append(v));
        return s.toString();
    }
}
