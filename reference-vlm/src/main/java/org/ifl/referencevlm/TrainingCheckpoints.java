package org.ifl.referencevlm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.train.Trainer;

/**
 * Writes the checkpoints of a training run as {@code ifl checkpoint watch} takes them: each in its own directory
 * {@code <root>/step-NNNNNN} (a model directory the worker loads), with {@value #ATTRIBUTES} (its step, its
 * training loss and the run's attributes, which the watch registers with it) and, last, the marker
 * {@value #MARKER}, so a checkpoint being written is never taken.
 */
public final class TrainingCheckpoints implements Trainer.CheckpointSink {
    /** The file whose presence marks a checkpoint directory complete: {@code checkpoint watch}'s default marker. */
    public static final String MARKER = "COMPLETE";
    /** {@code key=value} lines: the checkpoint's attributes. */
    public static final String ATTRIBUTES = "checkpoint.properties";

    private final Path root;
    private final Map<String, String> runAttributes;

    /** @param runAttributes attributes every checkpoint of the run carries (e.g. its data mix) */
    public TrainingCheckpoints(Path root, Map<String, String> runAttributes) {
        this.root = root;
        this.runAttributes = Map.copyOf(runAttributes);
    }

    /** The directory of the checkpoint after {@code step}: names sort in step order. */
    public Path directory(int step) {
        return root.resolve(String.format(Locale.ROOT, "step-%06d", step));
    }

    /** @param loss the training loss since the previous checkpoint; NaN (not written) for the starting weights */
    @Override
    public void save(ReferenceVlm model, int step, float loss) throws IOException {
        Path dir = directory(step);
        ReferenceModel.save(model, dir);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("step", Integer.toString(step));
        if (!Float.isNaN(loss)) {
            attributes.put("train_loss", String.format(Locale.ROOT, "%.4f", loss));
        }
        runAttributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> attributes.putIfAbsent(e.getKey(), e.getValue()));
        StringBuilder text = new StringBuilder();
        attributes.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve(ATTRIBUTES), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKER), "step " + step + "\n", StandardCharsets.UTF_8);
    }
}
