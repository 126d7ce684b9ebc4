package org.ifl.referencevlm.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;

/** Prompts in, decoded answers out: left-pads a batch, stacks its images, generates and decodes each row. */
public final class TextGenerator {

    private final ReferenceModel model;

    public TextGenerator(ReferenceModel model) {
        this.model = model;
    }

    /** Answers for {@code prompts}, in order, generated together as one batch. */
    public List<String> generate(List<Prompt> prompts, ForwardOptions options, Sampling sampling, int maxNewTokens) {
        List<int[]> ids = new ArrayList<>();
        prompts.forEach(p -> ids.add(p.ids()));
        ByteTokenizer.PaddedBatch batch = ByteTokenizer.leftPad(ids);
        ReferenceVlmConfig config = model.config();
        try (NDManager work = model.manager().newSubManager()) {
            NDArray images = images(work, prompts, config);
            VlmInput input = VlmInput.of(work, batch, images);
            SamplingDecoder.Generation generation = new SamplingDecoder(model.model(), model.parameters())
                    .generate(input, options, sampling, maxNewTokens, ByteTokenizer.EOS);
            List<String> texts = new ArrayList<>();
            for (int[] row : generation.tokens()) {
                texts.add(model.tokenizer().decode(row));
            }
            return texts;
        }
    }

    private static NDArray images(NDManager manager, List<Prompt> prompts, ReferenceVlmConfig config) {
        if (prompts.stream().allMatch(p -> p.image() == null)) {
            return null;
        }
        int pixels = config.channels() * config.imageSize() * config.imageSize();
        float[] flat = new float[prompts.size() * pixels];
        for (int b = 0; b < prompts.size(); b++) {
            float[] image = prompts.get(b).image();
            if (image != null) {
                if (image.length != pixels) {
                    throw new IllegalArgumentException("image of " + image.length + " values, the model takes "
                            + pixels);
                }
                System.arraycopy(image, 0, flat, b * pixels, pixels);
            }
        }
        return manager.create(flat, new Shape(prompts.size(), config.channels(), config.imageSize(),
                config.imageSize()));
    }
}
