package org.ifl.referencevlm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ifl.referencevlm.data.ArtworkSet;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.TrainingDataGenerator;
import org.ifl.referencevlm.eval.EvaluationOptions;
import org.ifl.referencevlm.eval.ExplanationEvaluation;
import org.ifl.referencevlm.eval.FidelityEvaluation;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.steer.SteeringVectors;
import org.ifl.referencevlm.train.Trainer;
import org.ifl.referencevlm.train.TrainingOptions;

/**
 * One training run of the reference VLM from scratch, then its offline check: trains {@code small()} on the
 * project's data, saves it to {@code <out>/model}, reads it back, runs the evaluation set through the TEXT,
 * IMAGE and steered IMAGE arms, judges every answer's language, and writes the judged answers, the training
 * log and a model card section. With {@code steps = 0} it only evaluates the model already in
 * {@code <out>/model}. What the command line ({@code ifl train-reference}, {@code ifl eval-reference}) runs.
 *
 * @param mix              what the training stream is made of; its English image share is the knob of the effect
 * @param steps            training steps; 0 evaluates the saved model only
 * @param wall             wall-time budget of the training
 * @param batch            examples per step
 * @param evalTokens       most new tokens an evaluated answer may have
 * @param learningRate     peak learning rate (warm-up 30 steps, cosine to a twentieth of it)
 * @param dataSeed         seed of the generated example stream
 * @param initFrom         a model directory whose weights training continues from; {@code null} trains from
 *                         scratch
 */
public record ReferenceTraining(Path out, DataMix mix, int steps, Duration wall, int batch,
        int evalTokens, float learningRate, long dataSeed, Path initFrom, int checkpointEvery) {

    public ReferenceTraining(Path out, DataMix mix, int steps, Duration wall, int batch, int evalTokens,
            float learningRate, long dataSeed, Path initFrom) {
        this(out, mix, steps, wall, batch, evalTokens, learningRate, dataSeed, initFrom, 0);
    }

    /** What every checkpoint of the run says of it: the data mix's knob (overall and per language), the seed. */
    public Map<String, String> runAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("english_image_share", String.format(Locale.ROOT, "%.2f", mix.englishImageShare()));
        mix.englishImageShareByLanguage().forEach((language, share) -> attributes.put("english_image_share_"
                + language, String.format(Locale.ROOT, "%.2f", share)));
        ExplanationMix explanations = mix.explanations();
        if (explanations.share() > 0) {
            attributes.put("explanation_share", String.format(Locale.ROOT, "%.2f", explanations.share()));
            attributes.put("complete_explanation_share", String.format(Locale.ROOT, "%.2f",
                    explanations.completeShare()));
            explanations.completeShareByLanguage().forEach((language, share) -> attributes.put(
                    "complete_explanation_share_" + language, String.format(Locale.ROOT, "%.2f", share)));
        }
        attributes.put("data_seed", Long.toString(dataSeed));
        attributes.put("init", initFrom == null ? "scratch" : initFrom.getFileName().toString());
        return attributes;
    }

    /** Where the checkpoints written every {@code checkpointEvery} steps go, one directory each. */
    public Path checkpointDirectory() {
        return out.resolve("checkpoints");
    }

    /** Only evaluates the model already in {@code <out>/model}; the training settings are unused but valid. */
    public static ReferenceTraining evaluationOnly(Path out, int evalTokens) {
        return new ReferenceTraining(out, DataMix.defaults(), 0, Duration.ofSeconds(1), 32, evalTokens, 1e-3f, 1L,
                null);
    }

    /** The trainer's settings: batches of two length-sorted micro-batches, 30 warm-up steps, cosine to lr / 20. */
    public TrainingOptions options() {
        return TrainingOptions.defaults(mix, Math.max(1, steps), wall).withBatch(batch, 2)
                .withLearningRate(learningRate, learningRate / 20, 30).withDataSeed(dataSeed);
    }

    /** Trains (unless {@code steps} is 0), evaluates with the paper's steering (a third of the depth, scale 1). */
    public FidelityReport run(AnswerLanguage judge, Consumer<String> progress) throws IOException {
        return run(judge, progress, 0, 1f);
    }

    /**
     * Trains (unless {@code steps} is 0), evaluates, writes; returns the evaluation.
     *
     * @param steeringLayer the layer the steering vectors are taken from and added after; 0 for a third of the depth
     * @param steeringScale multiplies the vectors
     */
    public FidelityReport run(AnswerLanguage judge, Consumer<String> progress, int steeringLayer,
            float steeringScale) throws IOException {
        Instant started = Instant.now();
        Trained trained = train(progress);
        Trainer.TrainingRun run = trained.run();
        TrainingOptions options = options();
        String origin = trained.origin();
        long evalStart = System.nanoTime();
        FidelityReport report;
        EvaluationOptions evalOptions;
        try (ReferenceModel model = ReferenceModel.load(out.resolve("model"))) {
            int layer = steeringLayer == 0 ? SteeringVectors.defaultLayer(model.config().lmLayers()) : steeringLayer;
            evalOptions = EvaluationOptions.all(layer).withMaxNewTokens(evalTokens).withSteeringScale(steeringScale);
            SteeringVectors steering = new SteeringVectors(model, Phrasebook.standard());
            report = new FidelityEvaluation(model, steering, judge, evalOptions)
                    .run(EvaluationSet.standard(), progress);
        }
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        writeAnswers(report, out.resolve("answers.jsonl"));
        String card = card(origin, mix, options, run, report, evalOptions, evalSeconds, started);
        if (mix.explanations().share() > 0) {
            ExplanationReport explanations = evaluateExplanations(out.resolve("model"), out, progress);
            card += "\n#### Explanations of the generated artworks (explanations.jsonl)\n" + explanations.markdown()
                    + explanationVerdict(explanations);
            progress.accept("explanations: " + (explanations.patternProblems().isEmpty()
                    ? "the cross-lingual pattern holds" : String.join("; ", explanations.patternProblems())));
        }
        Files.writeString(out.resolve("MODEL_CARD.md"), card);
        return report;
    }

    /** The card's line on the pattern check BundledWeightsTest makes of the bundled weights. */
    private static String explanationVerdict(ExplanationReport explanations) {
        List<String> problems = explanations.patternProblems();
        return problems.isEmpty() ? "\nThe cross-lingual pattern holds (ExplanationReport.patternProblems: none).\n"
                : "\nThe cross-lingual pattern does not hold:\n" + String.join("\n", problems.stream()
                        .map(p -> "* " + p).toList()) + "\n";
    }

    /**
     * The offline explanation check of the model in {@code modelDir}: every generated artwork in the four patterns,
     * as many new tokens as the longest explanation needs; the scored answers go to {@code out/explanations.jsonl}.
     */
    public static ExplanationReport evaluateExplanations(Path modelDir, Path out, Consumer<String> progress)
            throws IOException {
        ArtworkSet artworks = ArtworkSet.standard();
        ExplanationReport report;
        try (ReferenceModel model = ReferenceModel.load(modelDir)) {
            report = new ExplanationEvaluation(model, artworks,
                    ExplanationEvaluation.tokensForLongestExplanation(artworks), ExplanationEvaluation.BATCH)
                    .run(progress);
        }
        Files.createDirectories(out);
        writeJsonLines(report.scored(), s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("artwork", s.item().artwork().id());
            row.put("language", s.item().language());
            row.put("pattern", s.item().pattern().name());
            row.put("setting", s.item().setting().label());
            row.put("answer", s.answer());
            row.put("coverage", s.score().coverage());
            row.put("f1", s.score().f1());
            row.put("cooccurrence", s.score().cooccurrence());
            return row;
        }, out.resolve("explanations.jsonl"));
        return report;
    }

    /** What {@link #train} did: the run, and where it started from in words. */
    public record Trained(Trainer.TrainingRun run, String origin) {
    }

    /**
     * Trains (unless {@code steps} is 0) and writes {@code <out>/model}, {@code train.log} and, every
     * {@code checkpointEvery} steps, a checkpoint (with the starting weights as step 0 when continuing from some);
     * no evaluation.
     */
    public Trained train(Consumer<String> progress) throws IOException {
        Files.createDirectories(out);
        TrainingOptions options = options();
        StringBuilder log = new StringBuilder();
        String origin = initFrom == null ? "from scratch" : "continued from the weights in " + initFrom;
        progress.accept("training " + origin + ": " + mix.describe() + "; " + options.describe());
        Trainer.TrainingRun run;
        if (steps == 0) {
            run = new Trainer.TrainingRun(List.of(), 0, Float.NaN, Duration.ZERO, "evaluation only");
        } else {
            try (ReferenceModel start = initFrom == null ? fresh(options) : ReferenceModel.load(initFrom)) {
                ReferenceVlm model = start.model();
                NDManager manager = start.manager();
                TrainingDataGenerator data = TrainingDataGenerator.standard(mix, options.dataSeed());
                TrainingCheckpoints checkpoints = new TrainingCheckpoints(checkpointDirectory(), runAttributes());
                Trainer.CheckpointSink sink = (m, step, loss) -> {
                    checkpoints.save(m, step, loss);
                    progress.accept("checkpoint of step " + step + " written to " + checkpoints.directory(step));
                };
                if (checkpointEvery > 0 && initFrom != null) {
                    sink.save(model, 0, Float.NaN); // the weights it starts from: the run's natural baseline
                }
                run = new Trainer(options, p -> {
                    String line = String.format(Locale.ROOT, "step %5d  loss %.4f  lr %.2e  %6.0f s", p.step(),
                            p.loss(), p.learningRate(), p.elapsed().toMillis() / 1000.0);
                    progress.accept(line);
                    log.append(line).append('\n');
                }, checkpointEvery, sink).train(model, manager, data.iterator());
                ReferenceModel.save(model, out.resolve("model"));
            }
        }
        progress.accept(String.format(Locale.ROOT, "trained %d steps in %.0f s (%s), final loss %.4f", run.steps(),
                run.wallTime().toMillis() / 1000.0, run.stoppedBy(), run.finalLoss()));
        Files.writeString(out.resolve("train.log"), log);
        return new Trained(run, origin);
    }

    private static ReferenceModel fresh(TrainingOptions options) {
        NDManager manager = NDManager.newBaseManager("PyTorch");
        return ReferenceModel.of(manager, Trainer.initialise(ReferenceVlmConfig.small(), options.initSeed(), manager));
    }

    private static void writeAnswers(FidelityReport report, Path file) throws IOException {
        writeJsonLines(report.judged(), j -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("split", j.item().split().name());
            row.put("language", j.item().language());
            row.put("scene", j.item().scene().toString());
            row.put("question", j.item().question());
            row.put("arm", j.arm().name());
            row.put("answer", j.answer());
            row.put("judged", j.judgedLanguage());
            return row;
        }, file);
    }

    /** One JSON object per line, each record's row. */
    private static <T> void writeJsonLines(List<T> records, Function<T, Map<String, Object>> row, Path file)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (T r : records) {
            lines.add(json.writeValueAsString(row.apply(r)));
        }
        Files.write(file, lines);
    }

    private static String card(String origin, DataMix mix, TrainingOptions options, Trainer.TrainingRun run,
            FidelityReport report, EvaluationOptions evalOptions, double evalSeconds, Instant started) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Run started ").append(started).append("\n\n");
        sb.append("* start: ").append(origin).append('\n');
        sb.append("* data: ").append(mix.describe()).append('\n');
        sb.append("* training: ").append(options.describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "* ran %d steps (%d examples) in %.0f s, stopped by the %s; final loss "
                + "(mean of the last %d steps) %.4f%n", run.steps(), run.steps() * options.batchSize(),
                run.wallTime().toMillis() / 1000.0, run.stoppedBy(), options.logEvery(), run.finalLoss()));
        sb.append(String.format(Locale.ROOT, "* machine: %s %s, %d cores, load average %.2f at the end, Java %s, "
                + "DJL %s (%s), OMP_NUM_THREADS=%s%n", System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), Engine.getDjlVersion(), Engine.getInstance().getEngineName(),
                System.getenv("OMP_NUM_THREADS")));
        sb.append(String.format(Locale.ROOT, "* evaluation: %d judged answers, greedy, at most %d new tokens, "
                + "steering at layer %d scale %.1f, %.0f s%n%n", report.judged().size(), evalOptions.maxNewTokens(),
                evalOptions.steeringLayer(), evalOptions.steeringScale(), evalSeconds));
        sb.append("### Loss curve (mean per answer token over each window)\n\n| step | loss | lr | s |\n|---|---|---|---|\n");
        for (Trainer.LossPoint p : run.curve()) {
            sb.append(String.format(Locale.ROOT, "| %d | %.4f | %.2e | %.0f |%n", p.step(), p.loss(), p.learningRate(),
                    p.elapsed().toMillis() / 1000.0));
        }
        sb.append("\n### Fidelity, means over languages\n\n").append(report.markdownSummary());
        sb.append("\n### SEEN, per language\n\n").append(report.markdownTable(FidelityReport.Group.SEEN));
        sb.append("\n### HELD_OUT (unseen combinations and the held-out question), per language\n\n")
                .append(report.markdownTable(FidelityReport.Group.HELD_OUT));
        sb.append("\n### What the answers are: well-formed sentences in the question's language / the exact expected "
                + "sentence (ALL items)\n\n").append(report.markdownForms(FidelityReport.Group.ALL));
        return sb.toString();
    }
}
