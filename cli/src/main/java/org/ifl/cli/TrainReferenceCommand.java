package org.ifl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ifl.lidstream.LanguageJudge;
import org.ifl.referencevlm.AnswerLanguage;
import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.ExplanationMix;
import org.ifl.referencevlm.ExplanationReport;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.FidelityReport;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.ReferenceTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ifl train-reference} and {@code ifl eval-reference}: train the reference VLM from scratch and check it
 * offline (no Kafka), or check the bundled one.
 */
final class TrainReferenceCommand {
    private TrainReferenceCommand() {
    }

    /** Answers judged as lid-stream judges a completion: Lingua, then the script-first normalisation. */
    static final AnswerLanguage JUDGE = answer -> answer.isBlank() ? LanguageJudge.NONE
            : LanguageJudge.shared().language(answer);

    static void printReport(FidelityReport report, Path out, java.io.PrintWriter printer) {
        printer.println(report.markdownSummary());
        printer.println(report.markdownTable(FidelityReport.Group.SEEN));
        printer.println(report.markdownTable(FidelityReport.Group.HELD_OUT));
        printer.println(report.markdownForms(FidelityReport.Group.ALL));
        printer.println("model, judged answers (answers.jsonl), training log and card: " + out.toAbsolutePath());
        printer.flush();
    }

    @Command(name = "train-reference",
            description = {
                "Trains the reference VLM (ReferenceVlmConfig.small(), 1.5 M parameters) from scratch, or on from "
                        + "--init-from, on the project's generated data (the defaults are the bundled model's first "
                        + "stage; its second continues that with --explanation-share 0.5 --steps 500 --minutes 12 "
                        + "--learning-rate 0.001), then runs the offline check (as eval-reference does, with the "
                        + "explanation check when the mix has explanations) and writes the model, the judged "
                        + "answers, the log and a model card section under --out.",
                "",
                "To bundle the result: copy <out>/model/* to reference-vlm/src/main/resources/org/ifl/referencevlm/"
                        + "weights/ and the card into reference-vlm/MODEL_CARD.md. See reference-vlm/MODEL_CARD.md "
                        + "for what the bundled model was trained with.",
                ""},
            sortOptions = false)
    static final class Train extends IflSubcommand {
        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".ifl/reference-vlm",
                description = "Where the run writes (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--english-image-share", paramLabel = "X", defaultValue = "0.9",
                description = "Share of image examples answered in English: the knob of the effect "
                        + "(default: ${DEFAULT-VALUE}, as the bundled model).")
        double englishImageShare;

        @Option(names = "--english-image-share-for", paramLabel = "LANG=X", split = ",",
                defaultValue = "de=0.3,es=0.3,ja=0.3,zh=0.3",
                description = "The share for questions in some languages instead of --english-image-share, as a VLM "
                        + "whose image-instruction data was partly machine-translated into them (default: "
                        + "${DEFAULT-VALUE}, as the bundled model; give de=0.9 and so on to train with one share).")
        Map<String, Double> englishImageShareByLanguage;

        @Option(names = "--explanation-share", paramLabel = "X", defaultValue = "0",
                description = "Share of the examples that explain one of the generated artworks (ArtworkSet), in "
                        + "the four instruction/output patterns (default: ${DEFAULT-VALUE}: scenes only, as the "
                        + "bundled model's first stage; its second stage used 0.5).")
        double explanationShare;

        @Option(names = "--complete-explanation-share", paramLabel = "X", defaultValue = "0.2",
                description = "Share of the artworks whose training explanation in a language other than English "
                        + "names the artist, place and century as well as the motifs (default: ${DEFAULT-VALUE}).")
        double completeExplanationShare;

        @Option(names = "--complete-explanation-share-for", paramLabel = "LANG=X", split = ",",
                defaultValue = "de=0.4,es=0.4,ja=0.4,zh=0.4",
                description = "That share for some languages instead (default: ${DEFAULT-VALUE}, the languages "
                        + "whose image data the recipe translates).")
        Map<String, Double> completeExplanationShareByLanguage;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "1400",
                description = "Training steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--minutes", paramLabel = "M", defaultValue = "20",
                description = "Wall-time budget of the training (default: ${DEFAULT-VALUE}).")
        double minutes;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
                description = "Examples per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.0015",
                description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        float learningRate;

        @Option(names = "--eval-tokens", paramLabel = "N", defaultValue = "96",
                description = "Most new tokens of an evaluated answer (default: ${DEFAULT-VALUE}).")
        int evalTokens;

        @Option(names = "--data-seed", paramLabel = "N", defaultValue = "7",
                description = "Seed of the generated example stream (default: ${DEFAULT-VALUE}).")
        long dataSeed;

        @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
                description = "Write a checkpoint every N steps (and after the last) to <out>/checkpoints/step-NNNNNN, "
                        + "each a model directory with checkpoint.properties (step, loss, the data mix) and the "
                        + "marker COMPLETE written last: `ifl checkpoint watch <out>/checkpoints --model M` registers "
                        + "each as it appears (default: ${DEFAULT-VALUE}, none).")
        int checkpointEvery;

        @Option(names = "--no-check",
                description = "Train and write the model (and checkpoints) only, without the offline check: for a "
                        + "run whose checkpoints `ifl checkpoint watch` and the workers evaluate.")
        boolean noCheck;

        @Option(names = "--init-from", paramLabel = "DIR",
                description = "Continue training from the weights of a model directory (<out>/model of an earlier "
                        + "run, or 'bundled') instead of from scratch.")
        String initFrom;

        /** The training stream the options describe; a share outside [0, 1] or an unknown language is refused. */
        DataMix mix() {
            DataMix mix;
            try {
                mix = DataMix.defaults().withEnglishImageShare(englishImageShare)
                        .withEnglishImageShareByLanguage(englishImageShareByLanguage);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--english-image-share-for: " + e.getMessage());
            }
            try {
                return mix.withExplanations(new ExplanationMix(explanationShare, completeExplanationShare,
                        completeExplanationShareByLanguage));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--explanation-share, --complete-explanation-share"
                        + "(-for): " + e.getMessage());
            }
        }

        @Override
        protected int execute() throws Exception {
            if (steps < 1 || batch < 1 || minutes <= 0 || !(englishImageShare >= 0 && englishImageShare <= 1)) {
                throw new ParameterException(spec.commandLine(), "--steps and --batch must be at least 1, --minutes "
                        + "positive and --english-image-share in [0, 1]");
            }
            if (checkpointEvery < 0) {
                throw new ParameterException(spec.commandLine(), "--checkpoint-every must be 0 (none) or more, not "
                        + checkpointEvery);
            }
            DataMix mix = mix();
            DjlOffline.enable();
            Path start = null;
            if ("bundled".equals(initFrom)) {
                start = out.resolve("initial-model");
                ReferenceModel.extractBundled(start);
            } else if (initFrom != null) {
                start = Path.of(initFrom);
            }
            ReferenceTraining training = new ReferenceTraining(out, mix, steps,
                    Duration.ofSeconds(Math.round(minutes * 60)), batch, evalTokens, learningRate, dataSeed, start,
                    checkpointEvery);
            if (noCheck) {
                training.train(progress());
                out().println("model, training log" + (checkpointEvery > 0 ? " and checkpoints" : "") + ": "
                        + out.toAbsolutePath());
                return ExitCode.OK;
            }
            printReport(training.run(JUDGE, progress()), out, out());
            return ExitCode.OK;
        }
    }

    @Command(name = "eval-reference",
            description = {
                "The offline check of the reference VLM (no Kafka): the bundled evaluation scenes in every language "
                        + "through the TEXT arm (the description in place of the image), the IMAGE arm and the IMAGE "
                        + "arm with the steering vector (mean- and last-token pooled), each answer's language judged "
                        + "as lid-stream judges it; prints fidelity per arm, IFL, IFL with remedy and their "
                        + "difference per language, for seen and held-out items.",
                ""},
            sortOptions = false)
    static final class Eval extends IflSubcommand {
        @Option(names = "--model", paramLabel = "DIR",
                description = "A model directory written by train-reference (<out>/model); default: the bundled "
                        + "weights.")
        Path model;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".ifl/reference-vlm-eval",
                description = "Where the judged answers go (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--eval-tokens", paramLabel = "N", defaultValue = "96",
                description = "Most new tokens of an evaluated answer (default: ${DEFAULT-VALUE}).")
        int evalTokens;

        @Option(names = "--steering-layer", paramLabel = "L", defaultValue = "0",
                description = "Layer the steering vectors are taken from and added after (default: a third of the "
                        + "depth, as the paper).")
        int steeringLayer;

        @Option(names = "--steering-scale", paramLabel = "X", defaultValue = "1",
                description = "Multiplier of the steering vectors (default: ${DEFAULT-VALUE}).")
        float steeringScale;

        @Option(names = "--task", paramLabel = "TASK", defaultValue = "fidelity",
                description = "fidelity (the scenes, IFL and the remedy) or explanation (the generated artworks in "
                        + "the four instruction/output patterns: EC exact, EF1 and ECooc per language at Full and "
                        + "Alignment-10, and the EN_EN − L_L gap) (default: ${DEFAULT-VALUE}).")
        String task;

        @Override
        protected int execute() throws Exception {
            if (!task.equals("fidelity") && !task.equals("explanation")) {
                throw new ParameterException(spec.commandLine(), "--task must be fidelity or explanation, not '"
                        + task + "'");
            }
            if (steeringLayer < 0) {
                throw new ParameterException(spec.commandLine(), "--steering-layer must be >= 0 (0: a third of the "
                        + "depth)");
            }
            DjlOffline.enable();
            Path modelDir = out.resolve("model");
            if (model == null) {
                ReferenceModel.extractBundled(modelDir);
            } else {
                java.nio.file.Files.createDirectories(modelDir);
                for (String name : new String[] {ReferenceModel.CONFIG, ReferenceModel.TOKENIZER,
                    ReferenceModel.PARAMETERS}) {
                    java.nio.file.Files.copy(model.resolve(name), modelDir.resolve(name),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (task.equals("explanation")) {
                ExplanationReport report = ReferenceTraining.evaluateExplanations(modelDir, out, progress());
                out().println(report.markdown());
                out().println("scored explanations (explanations.jsonl): " + out.toAbsolutePath());
                out().flush();
                return ExitCode.OK;
            }
            printReport(ReferenceTraining.evaluationOnly(out, evalTokens).run(JUDGE, progress(), steeringLayer,
                    steeringScale), out, out());
            return ExitCode.OK;
        }
    }
}
