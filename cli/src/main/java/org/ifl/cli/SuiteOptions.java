package org.ifl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.EvaluationTarget;
import org.ifl.producers.ImageChecker;
import org.ifl.producers.Progress;
import org.ifl.producers.RecordSender;
import org.ifl.producers.SuitePublisher;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.Query;
import picocli.CommandLine.Option;

/**
 * The options that say which suites to publish and how, and what travels with the queries: shared by publish,
 * checkpoint register and watch.
 */
final class SuiteOptions {

    @Option(names = "--attr", paramLabel = "KEY=VALUE",
            description = "An attribute of the checkpoint (llm=..., vision=..., data-language=...); it travels with "
                    + "every query published for it, so statistics can be grouped by it. Repeatable.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--no-remedy", description = "Do not ask the IMAGE_REMEDY arm.")
    boolean noRemedy;

    @Option(names = "--suite", paramLabel = "FORMAT[=PATH][,KEY=VALUE]",
            description = "A suite to publish, repeatable: sample, sample-explanations, "
                    + "reference-scenes[,languages=de:zh], reference-artworks (bundled; the last two are the "
                    + "reference VLM's own seen scenes and generated artworks), "
                    + "maxm=DIR,captions=FILE, palo=DIR, visit-bench=CSV[,language=en], multiq=CSV, artwork=JSONL. "
                    + "See docs/suites.md.")
    List<String> suites = new ArrayList<>();

    @Option(names = "--run-id", paramLabel = "ID", defaultValue = "eval",
            description = "Names the evaluation in pair keys (default: ${DEFAULT-VALUE}). Publishing again with the"
                    + " same run id, model and checkpoint gives the same query ids: nothing is counted twice.")
    String runId;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Generation budget of each query.")
    Integer maxNewTokens;

    @Option(names = "--inline-images-under", paramLabel = "BYTES", defaultValue = "0",
            description = "Also send a local image's bytes inline when it is at most BYTES (default: 0, never; "
                    + "images go by reference).")
    long inlineCapBytes;

    /** Where a publish sends: queries, and the entity vocabulary of explanation suites. */
    record Senders(RecordSender<Query> queries, RecordSender<DatasetEntity> entities) implements AutoCloseable {
        @Override
        public void close() {
            try (queries) {
                entities.close();
            }
        }
    }

    List<SuiteSpec> specs() {
        return suites.stream().map(SuiteSpec::parse).toList();
    }

    boolean remedy() {
        return !noRemedy;
    }

    EvaluationTarget target(String model, String checkpoint) {
        return target(model, checkpoint, attributes);
    }

    /** The target with {@code checkpointAttributes} in place of the --attr ones. */
    EvaluationTarget target(String model, String checkpoint, Map<String, String> checkpointAttributes) {
        return new EvaluationTarget(runId, model, checkpoint, remedy(), checkpointAttributes, maxNewTokens);
    }

    /**
     * Reads every suite (all checked before any is sent), publishes each with a progress line, prints each
     * report, and says whether every query was acknowledged.
     */
    boolean publish(List<Suites.Read> suites, EvaluationTarget target, Senders senders, PrintWriter out) {
        SuitePublisher publisher = new SuitePublisher(senders.queries(), senders.entities(),
                new ImageChecker(inlineCapBytes), Clock.systemUTC());
        boolean complete = true;
        for (Suites.Read suite : suites) {
            Progress progress = Progress.onStderr("publishing " + suite.dataset(), "items",
                    suite.contents().items().size());
            SuitePublisher.Report report = publisher.publish(suite.dataset(), suite.contents(), target, progress);
            out.print(report.describe());
            out.flush();
            complete &= report.complete();
        }
        return complete;
    }

    /** Every suite, the bundled reference suites (this module's) first, then the producers' formats. */
    List<Suites.Read> read(java.nio.file.Path workDir) throws IOException {
        List<Suites.Read> read = new ArrayList<>();
        List<SuiteSpec> others = new ArrayList<>();
        for (SuiteSpec spec : specs()) {
            if (spec.format().equals(ReferenceScenes.DATASET)) {
                read.add(ReferenceScenes.read(spec, workDir));
            } else if (spec.format().equals(ReferenceArtworks.DATASET)) {
                read.add(ReferenceArtworks.read(spec, workDir));
            } else {
                others.add(spec);
            }
        }
        read.addAll(Suites.readAll(others, workDir));
        return read;
    }
}
