package org.ifl.referencevlm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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
import org.ifl.referencevlm.data.DataMix;
import org.ifl.referencevlm.data.EvaluationSet;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.data.TrainingDataGenerator;
import org.ifl.referencevlm.eval.EvaluationOptions;
import org.ifl.referencevlm.eval.FidelityEvaluation;
import org.ifl.referencevlm.eval.FidelityReport;
import org.ifl.referencevlm.eval.LinguaAnswerLanguage;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.steer.SteeringVectors;

/**
 * Trains {@code small()}, saves it, reads it back and evaluates it; writes the model directory, the judged answers
 * and a model card. Lives with the tests because the language judge (lid-stream) is a test dependency; not a test,
 * so the suite never runs it. Launch it explicitly:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     org.ifl.referencevlm.train.TrainReferenceModel OUT_DIR ENGLISH_IMAGE_SHARE MAX_STEPS WALL_MINUTES BATCH \
 *     EVAL_MAX_NEW_TOKENS
 * </pre>
 */
public final class TrainReferenceModel {

    private TrainReferenceModel() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        double englishImageShare = Double.parseDouble(args[1]);
        int maxSteps = Integer.parseInt(args[2]); // 0: only evaluate the model already in OUT_DIR/model
        Duration wall = Duration.ofSeconds(Math.round(Double.parseDouble(args[3]) * 60));
        int batch = Integer.parseInt(args[4]);
        int evalTokens = Integer.parseInt(args[5]);
        float lr = args.length > 6 ? Float.parseFloat(args[6]) : 1e-3f;
        Files.createDirectories(out);

        DataMix mix = DataMix.defaults().withEnglishImageShare(englishImageShare);
        TrainingOptions options = TrainingOptions.defaults(mix, Math.max(1, maxSteps), wall).withBatch(batch, 2)
                .withLearningRate(lr, lr / 20, 30);
        StringBuilder log = new StringBuilder();
        System.out.println("training: " + mix.describe() + "; " + options.describe());
        Instant started = Instant.now();
        Trainer.TrainingRun run;
        ReferenceVlmConfig config = ReferenceVlmConfig.small();
        if (maxSteps == 0) { // evaluate the model already in OUT_DIR/model
            run = new Trainer.TrainingRun(List.of(), 0, Float.NaN, Duration.ZERO, "evaluation only");
        } else {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ReferenceVlm model = Trainer.initialise(config, options.initSeed(), manager);
            TrainingDataGenerator data = TrainingDataGenerator.standard(mix, options.dataSeed());
            run = new Trainer(options, p -> {
                String line = String.format(Locale.ROOT, "step %5d  loss %.4f  lr %.2e  %6.0f s", p.step(), p.loss(),
                        p.learningRate(), p.elapsed().toMillis() / 1000.0);
                System.out.println(line);
                log.append(line).append('\n');
            }).train(model, manager, data.iterator());
            ReferenceModel.save(model, out.resolve("model"));
        }
        }
        System.out.printf(Locale.ROOT, "trained %d steps in %.0f s (%s), final loss %.4f%n", run.steps(),
                run.wallTime().toMillis() / 1000.0, run.stoppedBy(), run.finalLoss());

        long evalStart = System.nanoTime();
        FidelityReport report;
        EvaluationOptions evalOptions;
        try (ReferenceModel model = ReferenceModel.load(out.resolve("model"))) {
            int layer = SteeringVectors.defaultLayer(model.config().lmLayers());
            evalOptions = EvaluationOptions.all(layer).withMaxNewTokens(evalTokens);
            SteeringVectors steering = new SteeringVectors(model, Phrasebook.standard());
            report = new FidelityEvaluation(model, steering, new LinguaAnswerLanguage(), evalOptions)
                    .run(EvaluationSet.standard(), System.out::println);
        }
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        writeAnswers(report, out.resolve("answers.jsonl"));
        String card = card(mix, options, run, report, evalOptions, evalSeconds, started);
        Files.writeString(out.resolve("MODEL_CARD.md"), card);
        Files.writeString(out.resolve("train.log"), log);
        System.out.println(report.markdownSummary());
        System.out.println(report.markdownTable(FidelityReport.Group.SEEN));
        System.out.println(report.markdownTable(FidelityReport.Group.HELD_OUT));
    }

    private static void writeAnswers(FidelityReport report, Path file) throws IOException {
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        List<String> lines = new ArrayList<>();
        for (FidelityReport.Judged j : report.judged()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("split", j.item().split().name());
            row.put("language", j.item().language());
            row.put("scene", j.item().scene().toString());
            row.put("question", j.item().question());
            row.put("arm", j.arm().name());
            row.put("answer", j.answer());
            row.put("judged", j.judgedLanguage());
            lines.add(gson.toJson(row));
        }
        Files.write(file, lines);
    }

    private static String card(DataMix mix, TrainingOptions options, Trainer.TrainingRun run, FidelityReport report,
            EvaluationOptions evalOptions, double evalSeconds, Instant started) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Run started ").append(started).append("\n\n");
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
        return sb.toString();
    }
}
