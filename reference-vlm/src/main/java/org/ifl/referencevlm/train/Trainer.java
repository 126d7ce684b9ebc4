package org.ifl.referencevlm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.TrainingExample;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/**
 * Trains a {@link ReferenceVlm} on a stream of examples: cross-entropy on the answer tokens only (the EOS
 * included), AdamW with warm-up and cosine decay, global-norm gradient clipping, until the step or the wall-time
 * budget runs out. Each step runs in its own sub-manager, so no activation outlives it.
 */
public final class Trainer {

    private final TrainingOptions options;
    private final Consumer<LossPoint> log;
    private final int checkpointEvery;
    private final CheckpointSink checkpoints;
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    /** Told the model as it is after a step, to save it; an exception stops the training. */
    @FunctionalInterface
    public interface CheckpointSink {
        /** @param loss the mean loss per answer token of the steps since the previous checkpoint */
        void save(ReferenceVlm model, int step, float loss) throws IOException;
    }

    /** @param log told every {@code options.logEvery()} steps (and after the last step) */
    public Trainer(TrainingOptions options, Consumer<LossPoint> log) {
        this(options, log, 0, (model, step, loss) -> { });
    }

    /**
     * @param checkpointEvery {@code checkpoints} is told the model every this many steps and after the last one;
     *                        0 for never
     */
    public Trainer(TrainingOptions options, Consumer<LossPoint> log, int checkpointEvery, CheckpointSink checkpoints) {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint-every must be 0 (none) or more, not " + checkpointEvery);
        }
        this.options = options;
        this.log = log;
        this.checkpointEvery = checkpointEvery;
        this.checkpoints = checkpoints;
    }

    /** Builds the model with the engine seeded by {@code options.initSeed()} and initialises its weights. */
    public static ReferenceVlm initialise(ReferenceVlmConfig config, int seed, NDManager manager) {
        Engine.getInstance().setRandomSeed(seed);
        ReferenceVlm model = new ReferenceVlm(config);
        model.initializeParameters(manager);
        return model;
    }

    public TrainingRun train(ReferenceVlm model, NDManager manager, Iterator<TrainingExample> examples) {
        ReferenceVlmConfig config = model.config();
        SceneRenderer renderer = new SceneRenderer(config.imageSize());
        Optimizer adamW = Optimizer.adamW()
                .optLearningRateTracker(options.schedule())
                .optWeightDecays(options.weightDecay())
                .build();
        ParameterStore ps = new ParameterStore(manager, false);
        List<Parameter> parameters = new ArrayList<>(model.getParameters().values());
        for (Parameter p : parameters) {
            // Weights read from a file (continued training) come without a gradient; fresh ones have one.
            if (p.requiresGradient() && !p.getArray().hasGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        List<LossPoint> curve = new ArrayList<>();
        long start = System.nanoTime();
        double windowSum = 0;
        int windowSteps = 0;
        int step = 0;
        String stop = "step budget";
        float lastLogged = Float.NaN;
        double sinceCheckpointSum = 0;
        int sinceCheckpoint = 0;
        while (step < options.maxSteps()) {
            List<TrainingExample> batch = new ArrayList<>(options.batchSize());
            for (int i = 0; i < options.batchSize(); i++) {
                batch.add(examples.next());
            }
            float loss = step(model, ps, manager, adamW, parameters, batch, renderer);
            step++;
            windowSum += loss;
            windowSteps++;
            sinceCheckpointSum += loss;
            sinceCheckpoint++;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean outOfTime = elapsed.compareTo(options.maxWallTime()) >= 0;
            if (checkpointEvery > 0 && (step % checkpointEvery == 0 || step == options.maxSteps() || outOfTime)) {
                try {
                    checkpoints.save(model, step, (float) (sinceCheckpointSum / sinceCheckpoint));
                } catch (IOException e) {
                    throw new UncheckedIOException("the checkpoint of step " + step + " was not written", e);
                }
                sinceCheckpointSum = 0;
                sinceCheckpoint = 0;
            }
            if (step % options.logEvery() == 0 || step == options.maxSteps() || outOfTime) {
                LossPoint point = new LossPoint(step, (float) (windowSum / windowSteps),
                        options.schedule().at(step), elapsed);
                curve.add(point);
                log.accept(point);
                lastLogged = point.loss();
                windowSum = 0;
                windowSteps = 0;
            }
            if (outOfTime) {
                stop = "wall-time budget";
                break;
            }
        }
        return new TrainingRun(List.copyOf(curve), step, lastLogged, Duration.ofNanos(System.nanoTime() - start),
                stop);
    }

    /** One optimiser step over the batch; returns the mean loss per answer token. */
    private float step(ReferenceVlm model, ParameterStore ps, NDManager manager, Optimizer adamW,
            List<Parameter> parameters, List<TrainingExample> batch, SceneRenderer renderer) {
        ReferenceVlmConfig config = model.config();
        List<TrainingExample> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingInt(e -> TrainingBatch.encode(e, tokenizer, config).ids().length));
        List<TrainingBatch> pieces = new ArrayList<>();
        int total = 0;
        int per = (sorted.size() + options.microBatches() - 1) / options.microBatches();
        for (int from = 0; from < sorted.size(); from += per) {
            TrainingBatch piece = TrainingBatch.of(sorted.subList(from, Math.min(sorted.size(), from + per)),
                    tokenizer, renderer, config);
            pieces.add(piece);
            total += piece.targetCount();
        }
        float loss = 0f;
        try (NDManager stepManager = manager.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                for (TrainingBatch piece : pieces) {
                    NDArray pieceLoss = answerLoss(model, ps, stepManager, piece, config).div(total);
                    collector.backward(pieceLoss);
                    loss += pieceLoss.getFloat();
                }
            }
            float scale = clipScale(parameters);
            for (Parameter p : parameters) {
                NDArray gradient = p.getArray().getGradient();
                if (scale < 1f) {
                    gradient.muli(scale);
                }
                adamW.update(p.getId(), p.getArray(), gradient);
                gradient.muli(0f);
            }
        }
        return loss;
    }

    /** Summed negative log-likelihood of the answer tokens of one piece. */
    static NDArray answerLoss(ReferenceVlm model, ParameterStore ps, NDManager manager, TrainingBatch batch,
            ReferenceVlmConfig config) {
        VlmInput input = batch.input(manager, config);
        NDArray logits = model.forward(ps, input, ForwardOptions.none(), true).logits();
        NDArray targets = input.tokenIds().get(new NDIndex(":, 1:")).toType(DataType.INT64, false);
        NDArray logProbs = logits.get(new NDIndex(":, :-1, :")).logSoftmax(-1);
        NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(manager.create(batch.lossWeights())).sum().neg();
    }

    private float clipScale(List<Parameter> parameters) {
        if (options.clipNorm() <= 0) {
            return 1f;
        }
        double squares = 0;
        for (Parameter p : parameters) {
            squares += p.getArray().getGradient().square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        return norm > options.clipNorm() ? (float) (options.clipNorm() / (norm + 1e-6)) : 1f;
    }

    /** The mean loss per answer token over the steps since the previous point. */
    public record LossPoint(int step, float loss, float learningRate, Duration elapsed) {
    }

    /** What a run did. {@code finalLoss} is the last logged window's mean. */
    public record TrainingRun(List<LossPoint> curve, int steps, float finalLoss, Duration wallTime,
            String stoppedBy) {
    }
}
