package org.ifl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.ifl.cli.report.EntityTables;
import org.ifl.cli.report.PaperTable;
import org.ifl.inferenceworker.WorkerLoop;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.inferenceworker.WorkerSettings;
import org.ifl.lidstream.LidService;
import org.ifl.lidstream.LidSettings;
import org.ifl.platform.CauseChain;
import org.ifl.platform.Directories;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.producers.CheckpointRegistration;
import org.ifl.producers.EvaluationTarget;
import org.ifl.producers.ImageChecker;
import org.ifl.producers.Progress;
import org.ifl.producers.RecordSender;
import org.ifl.producers.SuitePublisher;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.ifl.statsstream.SummaryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ifl demo}: the whole pipeline in one process on the bundled sample suites and the bundled reference VLM,
 * from publishing the queries to the paper's table.
 */
@Command(name = "demo",
        description = {
            "The whole evaluation in one process, on nothing but what the repository bundles: starts a Kafka broker "
                    + "(KRaft) and a schema registry, the inference worker (the reference VLM), lid-stream and "
                    + "stats-stream; publishes the bundled suites (--suites) with the TEXT, IMAGE and IMAGE_REMEDY "
                    + "arms for model reference-vlm, checkpoint bundled; follows the answers as they are labeled "
                    + "and counted; prints the IFL table as in the paper and the explanation tables (each suite "
                    + "under its name as the dataset); then keeps the stats API up until Ctrl-C (--exit: stop after "
                    + "the tables).",
            ""},
        sortOptions = false)
final class DemoCommand extends IflSubcommand {
    static final String MODEL = "reference-vlm";
    static final String CHECKPOINT = "bundled";
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Under the data directory: where the published suites' images are drawn, and the worker reads them. */
    private static final String SUITES = "suites";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".ifl/demo",
            description = "Broker, registry and stream state; wiped at the start (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + StatsCommand.DEFAULT_PORT,
            description = "Port of the stats API on 127.0.0.1, as `ifl report` expects it; -1 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--suites", paramLabel = "SUITE", split = ",",
            defaultValue = "reference-scenes,reference-artworks",
            description = "What to publish: reference-scenes (the reference VLM's own 16 seen scenes x 14 languages, "
                    + "as eval-reference asks them), reference-artworks (its 18 generated artworks in 9 languages "
                    + "and 4 patterns, as eval-reference --task explanation asks them), sample (12 drawn images x "
                    + "14 languages, questions the model was never trained on), sample-explanations (9 drawn "
                    + "artworks, 4 patterns, never trained on) (default: ${DEFAULT-VALUE}).")
    List<String> suites;

    @Option(names = "--explanation-tokens", paramLabel = "N",
            description = "Answer length budget of an explanation query (default: the longest explanation the "
                    + "reference VLM was trained on, in bytes, and one).")
    Integer explanationTokens;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "48",
            description = "Answer length budget of each query: enough bytes for the language to be told, in every "
                    + "script (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--exit", description = "Stop after printing the tables.")
    boolean exit;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT20M",
            description = "Give up if the answers are not all counted by then (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Why the stats API did not give the cells at the last poll; null once it did. */
    private String unanswered;

    @Override
    protected int execute() throws Exception {
        long started = System.nanoTime();
        DjlOffline.enable();
        StopSignal stopSignal = StopSignal.install(err());
        Path dir = dataDir.toAbsolutePath();
        out().println("starting the platform in " + dir + " (wiped) ...");
        out().flush();
        // Stream state from an earlier demo would point past the ends of the new, empty topics.
        for (String stage : List.of("lid", "stats", SUITES)) {
            Directories.deleteTree(dir.resolve(stage));
        }
        List<AutoCloseable> running = new ArrayList<>();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(new EmbeddedPlatform.Settings(dir.resolve("platform"),
                0, 0, 0, true))) {
            try {
                return runOn(platform, running, stopSignal, started);
            } finally {
                // The services stop while the broker still runs: their last commits and leave-group requests land.
                for (int i = running.size() - 1; i >= 0; i--) {
                    running.get(i).close();
                }
            }
        }
    }

    private int runOn(EmbeddedPlatform platform, List<AutoCloseable> running, StopSignal stopSignal, long started)
            throws Exception {
        Path dir = dataDir.toAbsolutePath();
        String kafka = platform.bootstrapServers();
        String registry = platform.registryUrl();
        ApplicationContext worker = service(WorkerService.ENVIRONMENT, platform, -1, Map.of(
                WorkerSettings.PREFIX + ".model", MODEL,
                WorkerSettings.PREFIX + ".group-id", "ifl-demo-worker",
                WorkerSettings.PREFIX + ".image-roots", List.of(dir.resolve(SUITES).toString())));
        running.add(worker);
        ApplicationContext lid = service(LidService.ENVIRONMENT, platform, -1, Map.of(
                LidSettings.PREFIX + ".state-dir", dir.resolve("lid").toString()));
        running.add(lid);
        ApplicationContext stats = service(StatsService.ENVIRONMENT, platform, httpPort, Map.of(
                StatsSettings.PREFIX + ".state-dir", dir.resolve("stats").toString(),
                StatsSettings.PREFIX + ".emit-interval", "500ms"));
        running.add(stats);
        String api = stats.getBean(EmbeddedServer.class).getURL().toString();
        out().printf(Locale.ROOT, "platform %s, registry %s; worker, lid-stream and stats-stream up; stats API %s%n"
                + "dashboard: %s (live while the demo runs)%n", kafka, registry, api, dashboard(api));
        out().flush();

        long queries = publish(platform.clusterAccess(), dir.resolve(SUITES));
        Stages stages = new Stages(worker.getBean(WorkerService.class), lid.getBean(StreamsStageService.class),
                stats.getBean(StreamsStageService.class));
        boolean complete = follow(new StatsApi(api), stages, stopSignal, queries, started);
        out().printf(Locale.ROOT, "%nfrom command to table: %.1f s; peak resident memory %s%n",
                (System.nanoTime() - started) / 1e9, ResidentMemory.describePeak());
        out().flush();
        if (!complete) {
            return ExitCode.SOFTWARE;
        }
        if (!exit) {
            out().println("the dashboard stays up: " + dashboard(api) + " (the stats API beside it: " + api
                    + "/cells?model=" + MODEL + "&checkpoint=" + CHECKPOINT + "; `ifl report --model " + MODEL
                    + " --checkpoint " + CHECKPOINT + "` prints the table again). Ctrl-C stops.");
            out().flush();
            stopSignal.await();
        }
        return ExitCode.OK;
    }

    /** The checkpoint page of the demo's model on the dashboard that stats-stream serves at {@code api}. */
    static String dashboard(String api) {
        return api + "/dashboard/checkpoint.html?model=" + URLEncoder.encode(MODEL, StandardCharsets.UTF_8)
                + "&checkpoint=" + URLEncoder.encode(CHECKPOINT, StandardCharsets.UTF_8);
    }

    /** A service of the demo: its yml and environment, on the demo's platform, with the demo's settings. */
    private static ApplicationContext service(String environment, EmbeddedPlatform platform, int httpPort,
            Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        properties.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        properties.put(ServiceContext.CLIENT_CONFIG, platform.clientPropertiesFile().toString());
        properties.put(ServiceContext.HTTP_PORT_CONFIG, httpPort);
        return ServiceContext.serve(environment, properties);
    }

    /** Publishes the chosen suites; returns the number of queries sent. */
    private long publish(ClusterAccess cluster, Path workDir) throws IOException {
        List<Suites.Read> read = new ArrayList<>();
        for (String suite : suites) {
            if (suite.equals(ReferenceScenes.DATASET)) {
                read.add(new Suites.Read(null, ReferenceScenes.DATASET,
                        ReferenceScenes.read(EvaluationItem.Split.SEEN, workDir.resolve(ReferenceScenes.DATASET))));
            } else if (suite.equals(ReferenceArtworks.DATASET)) {
                read.add(new Suites.Read(null, ReferenceArtworks.DATASET,
                        ReferenceArtworks.read(workDir.resolve(ReferenceArtworks.DATASET))));
            } else if (suite.equals("sample") || suite.equals("sample-explanations")) {
                read.addAll(Suites.readAll(List.of(SuiteSpec.parse(suite)), workDir));
            } else {
                throw new ParameterException(spec.commandLine(), "--suites: '" + suite + "' is not a bundled suite; "
                        + "known: reference-scenes, reference-artworks, sample, sample-explanations");
            }
        }
        TopicProducers producers = new TopicProducers(cluster);
        long queries = 0;
        // Registered first, as `ifl checkpoint register` would: the dashboard's overview lists it with its suites.
        CheckpointRegistration registration = new CheckpointRegistration(MODEL, CHECKPOINT, "djl", null, null, null,
                suites, true, Map.of(), Instant.now());
        try (RecordSender<Checkpoint> checkpoints = RecordSender.open(producers, Topics.CHECKPOINTS, "ifl-demo")) {
            checkpoints.send(registration.key(), registration.toAvro(), null);
            RecordSender.Delivery delivery = checkpoints.flush();
            if (!delivery.complete()) {
                throw new CommandFailure("registering checkpoint " + registration.key() + ": " + delivery);
            }
        }
        try (RecordSender<Query> sender = RecordSender.open(producers, Topics.QUERIES, "ifl-demo");
                RecordSender<DatasetEntity> entities = RecordSender.open(producers, Topics.ENTITIES, "ifl-demo")) {
            SuitePublisher publisher = new SuitePublisher(sender, entities, new ImageChecker(0), Clock.systemUTC());
            EvaluationTarget target = new EvaluationTarget("demo", MODEL, CHECKPOINT, true, Map.of(), maxNewTokens);
            // Explanations are asked once, with the image, and long enough to hold a whole explanation.
            EvaluationTarget explaining = new EvaluationTarget("demo", MODEL, CHECKPOINT, false, Map.of(),
                    explanationTokens == null ? ReferenceArtworks.maxNewTokens() : explanationTokens);
            for (Suites.Read suite : read) {
                boolean explanations = suite.contents().items().stream().anyMatch(i -> i.explanation() != null);
                SuitePublisher.Report report = publisher.publish(suite.dataset(), suite.contents(),
                        explanations ? explaining : target,
                        Progress.silent(suite.contents().items().size()));
                out().print(report.describe());
                if (!report.complete()) {
                    throw new CommandFailure("publishing " + suite.dataset() + " did not complete");
                }
                queries += report.queries();
            }
        }
        out().flush();
        return queries;
    }

    /** Prints progress until every query's answer is counted, then the tables; false on timeout. */
    private boolean follow(StatsApi api, Stages stages, StopSignal stopSignal, long queries, long started)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long counted = -1;
        while (System.nanoTime() < deadline) {
            if (stopSignal.await(POLL)) {
                err().println("stopped before every answer was counted: " + counted + " of " + queries);
                return false;
            }
            String failed = stages.failed();
            if (failed != null) {
                err().println("the demo cannot finish: " + failed);
                return false;
            }
            List<FiguresView> cells = cellsOrEmpty(api);
            long now = cells.stream().mapToLong(DemoCommand::answers).sum();
            if (now != counted) {
                counted = now;
                err().printf(Locale.ROOT, "%6.1f s  %d of %d answers labeled and counted%n",
                        (System.nanoTime() - started) / 1e9, counted, queries);
                err().flush();
            }
            if (counted >= queries) {
                SummaryView summary = api.summary(MODEL, CHECKPOINT);
                if (summary == null || summary.datasets() == null || summary.datasets().isEmpty()) {
                    continue; // the summaries follow the cells within an emit interval
                }
                // Explanation cells (dataset/PATTERN) have their own tables; the IFL table keeps to the others.
                List<FiguresView> fidelity = cells.stream().filter(c -> !isExplanation(c)).toList();
                List<FiguresView> fidelitySummaries = summary.datasets().stream().filter(d -> !isExplanation(d))
                        .toList();
                boolean mixed = fidelitySummaries.size() < summary.datasets().size();
                SummaryView fidelitySummary = new SummaryView(summary.model(), summary.checkpoint(), summary.window(),
                        mixed ? null : summary.checkpointSummary(), fidelitySummaries);
                if (!fidelity.isEmpty()) {
                    out().println();
                    out().print(ReportCommand.text(new PaperTable(fidelity, fidelitySummary).table()));
                }
                EntityTables tables = new EntityTables(MODEL, CHECKPOINT, cells.get(0).window(), cells,
                        new EntityTables.Selection(null, AlignmentSetting.FULL, Arm.IMAGE));
                tables.tables().forEach(t -> out().print("\n" + ReportCommand.text(t)));
                if (!tables.isEmpty()) {
                    out().println();
                    out().println("The artwork study's contrast, explanations asked and answered in English against "
                            + "both in the item's language:");
                    // Full's lines from the tables just printed; Alignment-10 has tables of its own.
                    tables.gapLines().forEach(line -> out().println("  " + line));
                    new EntityTables(MODEL, CHECKPOINT, cells.get(0).window(), cells,
                            new EntityTables.Selection(null, AlignmentSetting.ALIGNMENT_10, Arm.IMAGE)).gapLines()
                            .forEach(line -> out().println("  " + line));
                }
                out().flush();
                return true;
            }
        }
        err().println("not every answer was counted within " + timeout + ": " + counted + " of " + queries
                + (unanswered == null ? "" : "; the stats API's last failure: " + unanswered));
        return false;
    }

    /**
     * The cells so far, or none while the stats API does not answer: a busy machine can keep it from answering a
     * poll in time, and the next poll, within --timeout, waits again; only giving up says why.
     */
    private List<FiguresView> cellsOrEmpty(StatsApi api) throws InterruptedException {
        try {
            List<FiguresView> cells = api.cells(MODEL, CHECKPOINT);
            unanswered = null;
            return cells;
        } catch (CommandFailure e) {
            unanswered = CauseChain.describe(e);
            LOG.debug("waiting for the stats API: {}", unanswered);
            return List.of();
        }
    }

    /** The three services, watched so that a stage that stops is said at once rather than waited for. */
    private record Stages(WorkerService worker, StreamsStageService lid, StreamsStageService stats) {
        /** What stopped, or null while all run. */
        String failed() {
            if (worker.loop().state() == WorkerLoop.State.FAILED) {
                return "the inference worker failed: " + CauseChain.describe(worker.loop().failure());
            }
            if (dead(lid.state())) {
                return "lid-stream stopped (" + lid.state() + "); its log above says why";
            }
            if (dead(stats.state())) {
                return "stats-stream stopped (" + stats.state() + "); its log above says why";
            }
            return null;
        }

        private static boolean dead(KafkaStreams.State state) {
            return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_ERROR;
        }
    }

    private static boolean isExplanation(FiguresView figures) {
        return figures.dataset() != null && figures.dataset().contains("/");
    }

    /** Answers a cell has counted, on every arm, errors included. */
    private static long answers(FiguresView cell) {
        long n = 0;
        for (FiguresView.ArmView arm : new FiguresView.ArmView[] {cell.text(), cell.image(), cell.imageRemedy()}) {
            n += arm == null ? 0 : arm.completions();
        }
        return n;
    }
}
