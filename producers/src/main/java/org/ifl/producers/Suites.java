package org.ifl.producers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.producers.internal.sample.SampleExplanations;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.SuiteReader;
import org.ifl.producers.internal.suite.artwork.ArtworkReader;
import org.ifl.producers.internal.suite.maxm.MaxmReader;
import org.ifl.producers.internal.suite.multiq.MultiqReader;
import org.ifl.producers.internal.suite.palo.PaloReader;
import org.ifl.producers.internal.suite.visit.VisitBenchReader;

/**
 * The suite formats the producers read, by the name a {@link SuiteSpec} gives: {@code sample} and
 * {@code sample-explanations} (bundled; their images are rendered into {@code <work dir>/sample-images}),
 * {@code maxm} (option {@code captions}), {@code palo}, {@code visit-bench} (option {@code language}, default
 * en), {@code multiq}, {@code artwork}.
 */
public final class Suites {
    public static final List<String> FORMATS =
            List.of("sample", "sample-explanations", "maxm", "palo", "visit-bench", "multiq", "artwork");
    /** The bundled formats: they take no path, and render their images into the work dir. */
    private static final Set<String> BUNDLED = Set.of("sample", "sample-explanations");

    private Suites() {
    }

    /** A suite read, with the spec it was read from. */
    public record Read(SuiteSpec spec, String dataset, SuiteContents contents) {
    }

    /**
     * Reads every suite before anything is published, so a malformed one stops the run with nothing sent:
     * the problems of all suites are gathered into one {@link InputException}.
     *
     * @param workDir where the bundled sample suite renders its images
     */
    public static List<Read> readAll(List<SuiteSpec> specs, Path workDir) throws IOException {
        List<Read> read = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (SuiteSpec spec : specs) {
            try {
                SuiteReader reader = reader(spec);
                Path path = BUNDLED.contains(spec.format()) ? workDir.resolve("sample-images") : spec.path();
                read.add(new Read(spec, reader.dataset(), reader.read(path)));
            } catch (InputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return read;
    }

    /** The reader a spec names, or an {@link InputException} saying what is missing or unknown. */
    public static SuiteReader reader(SuiteSpec spec) {
        Origin where = new Origin(Path.of("--suite " + spec), 0);
        Set<String> accepted = switch (spec.format()) {
            case "maxm" -> Set.of("captions");
            case "visit-bench" -> Set.of("language");
            default -> Set.of();
        };
        Set<String> unknown = new TreeSet<>(spec.options().keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw new InputException(where.problem("options", "unknown option(s) " + unknown + " for "
                    + spec.format() + (accepted.isEmpty() ? ", which takes none" : "; it takes " + accepted)));
        }
        if (!BUNDLED.contains(spec.format()) && FORMATS.contains(spec.format()) && spec.path() == null) {
            throw new InputException(where.problem("path", spec.format() + " needs the benchmark's file or folder:"
                    + " " + spec.format() + "=PATH"));
        }
        return switch (spec.format()) {
            case "sample" -> new SampleSuite();
            case "sample-explanations" -> new SampleExplanations();
            case "maxm" -> new MaxmReader(Path.of(require(spec.options(), "captions", spec, where)));
            case "palo" -> new PaloReader();
            case "visit-bench" -> new VisitBenchReader(spec.options().getOrDefault("language", "en"));
            case "multiq" -> new MultiqReader();
            case "artwork" -> new ArtworkReader();
            default -> throw new InputException(where.problem("format", "unknown suite format '" + spec.format()
                    + "'; the formats are " + String.join(", ", FORMATS)));
        };
    }

    /**
     * A file in the artwork format (docs/suites.md) read under a dataset name of its own: how a module that writes
     * artworks (the reference VLM's generated ones) publishes them as an explanation suite.
     */
    public static SuiteContents readArtworks(String dataset, Path file) throws IOException {
        return new ArtworkReader(dataset).read(file);
    }

    private static String require(Map<String, String> options, String key, SuiteSpec spec, Origin where) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new InputException(where.problem(key, spec.format() + " needs ," + key + "=PATH"));
        }
        return value;
    }
}
