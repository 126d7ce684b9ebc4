package org.ifl.cli;

import io.micronaut.core.convert.ConversionService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.producers.AnnotationSampling;
import org.ifl.producers.AnnotationSheets;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl annotate sample}: draw answers of a checkpoint for expert annotation and write the sheet. */
@Command(name = "sample",
        description = {
            "Draws a random sample of a checkpoint's answers (those on eval.labeled, the ones stats-stream counts) "
                    + "for expert annotation, each with a known inclusion probability, and writes the sheet as "
                    + "OUT.csv and OUT.jsonl (images the queries carried inline go to OUT.images/).",
            "",
            "Each answer is drawn independently with its cell's probability pi (Poisson sampling), decided by the "
                    + "seed and its completion id: the same seed draws the same answers again, and a larger rate "
                    + "draws a sample that contains the smaller one. --per-cell N sets pi = min(1, N / answers in "
                    + "the cell), so every cell gets about N labels; --per-arm N the same for each arm of each cell; "
                    + "--rate R sets pi = R everywhere. With --follow "
                    + "(which takes --rate) new answers are drawn as they arrive and appended to the sheet until "
                    + "Ctrl-C or --follow-for.",
            ""},
        sortOptions = false)
final class AnnotateSampleCommand extends ProducerCommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL")
    String model;

    @Option(names = "--checkpoint", required = true, paramLabel = "CHECKPOINT")
    String checkpoint;

    @Option(names = "--dataset", split = ",", paramLabel = "DATASET",
            description = "Only these datasets (default: all of the checkpoint's).")
    Set<String> datasets;

    @Option(names = "--language", split = ",", paramLabel = "LANG",
            description = "Only these cell languages (default: all).")
    Set<String> languages;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Design design;

    static final class Design {
        @Option(names = "--per-cell", paramLabel = "N", description = "About N answers per cell (stratified).")
        Long perCell;

        @Option(names = "--per-arm", paramLabel = "N",
                description = "About N answers per arm of each cell (stratified by cell and arm).")
        Long perArm;

        @Option(names = "--rate", paramLabel = "R", description = "Every answer drawn with probability R in (0, 1].")
        Double rate;
    }

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Fixes which answers are drawn (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "OUT", description = "The sheet's path without extension "
            + "(default: annotation-MODEL-CHECKPOINT in the current directory).")
    Path out;

    @Option(names = "--follow", description = "Keep drawing new answers as they arrive (needs --rate).")
    boolean follow;

    @Option(names = "--follow-for", paramLabel = "DURATION", converter = DurationText.class,
            description = "With --follow: stop after this long (e.g. 10m; default: until Ctrl-C).")
    String followFor;

    private AnnotationSampling sampling;
    private Path imageDir;
    private final Map<String, Path> imagesWritten = new HashMap<>();

    @Override
    protected int produce() throws Exception {
        sampling = fromOptions(() -> new AnnotationSampling(seed, design.rate != null
                ? new AnnotationSampling.Rate(design.rate) : design.perCell != null
                ? AnnotationSampling.Target.perCell(design.perCell) : AnnotationSampling.Target.perArm(design.perArm)));
        if (follow && design.rate == null) {
            throw new ParameterException(spec.commandLine(), "--follow needs --rate: a target count sets a "
                    + "stratum's probability from the answers counted so far, which answers still to come would change");
        }
        Duration followLimit = followFor == null ? null
                : ConversionService.SHARED.convertRequired(followFor, Duration.class);
        Path base = out != null ? out : Path.of("annotation-" + model + "-" + checkpoint);
        Path csv = Path.of(base + ".csv");
        Path jsonl = Path.of(base + ".jsonl");
        imageDir = Path.of(base + ".images");
        ClusterAccess cluster = requiredCluster();

        LabeledAnswers answers = new LabeledAnswers(this::wanted);
        try (TopicScan<LabeledCompletion> labeled = new TopicScan<>(cluster, Topics.LABELED,
                "ifl-annotate-sample", LabeledAnswers.STALL);
                TopicScan<Query> queries = new TopicScan<>(cluster, Topics.QUERIES, "ifl-annotate-sample-queries",
                        LabeledAnswers.STALL)) {
            labeled.toEnd(answers::offer);
            Map<String, List<LabeledCompletion>> byStratum = new LinkedHashMap<>();
            answers.byId().values().forEach(a -> byStratum.computeIfAbsent(sampling.stratum(a),
                    c -> new ArrayList<>()).add(a));
            Map<String, Double> probability = new LinkedHashMap<>();
            List<LabeledCompletion> drawn = new ArrayList<>();
            byStratum.forEach((stratum, stratumAnswers) -> {
                double pi = sampling.probability(stratumAnswers.size());
                probability.put(stratum, pi);
                stratumAnswers.stream().filter(a -> sampling.drawn(a.getCompletion().getCompletionId(), pi))
                        .forEach(drawn::add);
            });
            // The queries of the drawn answers (their images and descriptions); following, also those whose answer
            // has not come yet, each dropped when its answer comes.
            Set<String> drawnQueries = new HashSet<>();
            drawn.forEach(a -> drawnQueries.add(a.getCompletion().getQueryId()));
            Set<String> answeredQueries = new HashSet<>();
            answers.byId().values().forEach(a -> answeredQueries.add(a.getCompletion().getQueryId()));
            Map<String, Query> queriesById = new HashMap<>();
            queries.toEnd(r -> {
                String id = r.value().getQueryId();
                if (drawnQueries.contains(id)
                        || follow && !answeredQueries.contains(id) && ofCheckpoint(r.value().getPair())) {
                    queriesById.put(id, r.value());
                }
            });
            describe(byStratum, probability, drawn);
            if (dryRun) {
                out().println("dry run: no sheet written");
                out().flush();
                return ExitCode.OK;
            }
            long written;
            try (AnnotationSheets.Writer sheet = AnnotationSheets.create(csv, jsonl)) {
                for (LabeledCompletion answer : drawn) {
                    write(sheet, answer, queriesById.remove(answer.getCompletion().getQueryId()),
                            probability.get(sampling.stratum(answer)));
                }
                out().println("wrote " + drawn.size() + " answers to " + csv + " and " + jsonl
                        + (imagesWritten.isEmpty() ? "" : " (images in " + imageDir + ")"));
                out().flush();
                written = drawn.size();
                if (follow) {
                    written += follow(labeled, queries, answers, queriesById, sheet, followLimit);
                }
            } catch (IOException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (labeled.unreadable() + queries.unreadable() > 0) {
                err().println("skipped " + (labeled.unreadable() + queries.unreadable()) + " records whose value "
                        + "could not be read");
            }
            if (answers.byId().isEmpty()) {
                err().println("no answers of " + model + " " + checkpoint + " on " + Topics.LABELED.name()
                        + " matched (model, checkpoint, --dataset, --language)" + (follow ? "" : "; the sheet is empty"));
                return follow && written > 0 ? ExitCode.OK : ExitCode.SOFTWARE;
            }
            return ExitCode.OK;
        }
    }

    /** Draws the answers that arrive, with the rate's probability, until stopped; returns how many were drawn. */
    private long follow(TopicScan<LabeledCompletion> labeled, TopicScan<Query> queries, LabeledAnswers answers,
            Map<String, Query> queriesById, AnnotationSheets.Writer sheet, Duration limit) {
        StopSignal stop = StopSignal.install(err());
        long started = System.nanoTime();
        double pi = design.rate;
        long[] drawn = {0};
        err().println("following eval.labeled for new answers (Ctrl-C to stop)");
        err().flush();
        while ((limit == null || System.nanoTime() - started < limit.toNanos()) && !stopped(stop)) {
            queries.pollOnce(r -> {
                if (ofCheckpoint(r.value().getPair())) {
                    queriesById.put(r.value().getQueryId(), r.value());
                }
            });
            labeled.pollOnce(r -> {
                LabeledCompletion answer = answers.offer(r);
                if (answer == null) {
                    return;
                }
                // the answer's query is dropped whether it is drawn or not: none piles up while following
                Query query = queriesById.remove(answer.getCompletion().getQueryId());
                if (sampling.drawn(answer.getCompletion().getCompletionId(), pi)) {
                    try {
                        write(sheet, answer, query, pi);
                    } catch (IOException e) {
                        throw new CommandFailure(e.getMessage(), e);
                    }
                    drawn[0]++;
                }
            });
        }
        out().println("followed: drew " + drawn[0] + " more answers");
        out().flush();
        return drawn[0];
    }

    private static boolean stopped(StopSignal stop) {
        try {
            return stop.await(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean ofCheckpoint(PairKey pair) {
        return pair.getModel().equals(model) && pair.getCheckpoint().equals(checkpoint);
    }

    private boolean wanted(LabeledCompletion answer) {
        PairKey pair = answer.getCompletion().getPair();
        return ofCheckpoint(pair) && (datasets == null || datasets.contains(pair.getDataset()))
                && (languages == null || languages.contains(pair.getLanguage()))
                && AnnotationSampling.drawable(answer);
    }

    /** The sheet row of a drawn answer; {@code query} is the query it answers, null when gone. */
    private void write(AnnotationSheets.Writer sheet, LabeledCompletion answer, Query query, double pi)
            throws IOException {
        sheet.write(sampling.row(answer, query, image(query), pi));
    }

    /**
     * Where the annotator finds the query's image: its inline bytes as a file in the images folder (named by
     * their hash, relative to the sheet), else the suite's reference; null when the query had none or is gone.
     */
    private String image(Query query) throws IOException {
        if (query == null) {
            return null;
        }
        if (query.getImageBytes() != null) {
            ByteBuffer bytes = query.getImageBytes().duplicate();
            byte[] data = new byte[bytes.remaining()];
            bytes.get(data);
            String media = query.getImage() == null ? null : query.getImage().getMediaType();
            String name = sha256(data) + "." + extension(media);
            Path file = imagesWritten.get(name);
            if (file == null) {
                Files.createDirectories(imageDir);
                file = imageDir.resolve(name);
                Files.write(file, data);
                imagesWritten.put(name, file);
            }
            return imageDir.getFileName() + "/" + name;
        }
        return query.getImage() == null ? null : query.getImage().getUri();
    }

    private void describe(Map<String, List<LabeledCompletion>> byStratum, Map<String, Double> probability,
            List<LabeledCompletion> drawn) {
        Map<String, Long> drawnByStratum = new HashMap<>();
        drawn.forEach(a -> drawnByStratum.merge(sampling.stratum(a), 1L, Long::sum));
        TextTable table = new TextTable(List.of(TextTable.Column.left("stratum"), TextTable.Column.right("answers"),
                TextTable.Column.right("pi"), TextTable.Column.right("drawn")));
        byStratum.forEach((stratum, answers) -> table.row(stratum, String.valueOf(answers.size()),
                String.format(Locale.ROOT, "%.4f", probability.get(stratum)),
                String.valueOf(drawnByStratum.getOrDefault(stratum, 0L))));
        out().println("sample " + sampling.describe() + " of " + model + " " + checkpoint + ": "
                + drawn.size() + " of " + byStratum.values().stream().mapToInt(List::size).sum() + " answers in "
                + byStratum.size() + " strata");
        if (!byStratum.isEmpty()) {
            out().print(table.render());
        }
        out().flush();
    }

    private static String extension(String mediaType) {
        if (mediaType == null) {
            return "png";
        }
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/jpg" -> "jpg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> "png";
        };
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
