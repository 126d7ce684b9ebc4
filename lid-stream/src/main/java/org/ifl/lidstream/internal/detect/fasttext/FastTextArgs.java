package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;
import java.util.Locale;

/**
 * The training arguments a fastText model file carries (fastText's {@code Args}, in the order it writes them).
 * Only {@code dim}, {@code wordNgrams}, {@code loss}, {@code model}, {@code bucket}, {@code minn} and {@code maxn}
 * matter for prediction; the others are kept for display.
 */
record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss, ModelKind model,
        int bucket, int minn, int maxn, int lrUpdateRate, double t) {

    /** fastText's {@code loss_name}, with the integer it is stored as. */
    public enum Loss {
        HIERARCHICAL_SOFTMAX(1, "hs"), NEGATIVE_SAMPLING(2, "ns"), SOFTMAX(3, "softmax"), ONE_VS_ALL(4, "ova");

        private final int id;
        private final String cliName;

        Loss(int id, String cliName) {
            this.id = id;
            this.cliName = cliName;
        }

        public int id() {
            return id;
        }

        /** As fastText's {@code -loss} option spells it. */
        public String cliName() {
            return cliName;
        }

        static Loss of(int id) {
            for (Loss loss : values()) {
                if (loss.id == id) {
                    return loss;
                }
            }
            return null;
        }
    }

    /** fastText's {@code model_name}, with the integer it is stored as. */
    public enum ModelKind {
        CBOW(1), SKIPGRAM(2), SUPERVISED(3);

        private final int id;

        ModelKind(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        static ModelKind of(int id) {
            for (ModelKind kind : values()) {
                if (kind.id == id) {
                    return kind;
                }
            }
            return null;
        }
    }

    static FastTextArgs read(ModelInput in, int version) throws IOException {
        in.section("arguments");
        int dim = in.readInt();
        int ws = in.readInt();
        int epoch = in.readInt();
        int minCount = in.readInt();
        int neg = in.readInt();
        int wordNgrams = in.readInt();
        int lossId = in.readInt();
        int modelId = in.readInt();
        int bucket = in.readInt();
        int minn = in.readInt();
        int maxn = in.readInt();
        int lrUpdateRate = in.readInt();
        double t = in.readDouble();
        Loss loss = Loss.of(lossId);
        if (loss == null) {
            throw in.error("unknown loss " + lossId + " in the arguments (1 hs, 2 ns, 3 softmax, 4 ova)");
        }
        ModelKind model = ModelKind.of(modelId);
        if (model == null) {
            throw in.error("unknown model kind " + modelId + " in the arguments (1 cbow, 2 skipgram, 3 supervised)");
        }
        if (model != ModelKind.SUPERVISED) {
            throw in.error("a " + model.name().toLowerCase(Locale.ROOT)
                    + " model holds word vectors, not a classifier; language identification needs a supervised model");
        }
        if (dim <= 0) {
            throw in.error("dimension " + dim + " in the arguments is not positive");
        }
        if (bucket < 0) {
            throw in.error("bucket count " + bucket + " in the arguments is negative");
        }
        if (version == 11) {
            maxn = 0; // as fastText does: supervised models of format 11 have no character n-grams
        }
        return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
                lrUpdateRate, t);
    }
}
