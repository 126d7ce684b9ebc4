package org.ifl.lidstream.internal.detect.fasttext;

import java.util.Arrays;

/**
 * How a supervised fastText model turns the hidden vector into label scores, one per loss. Scores are what
 * fastText ranks by: {@code log(p + 1e-5)} in float, so that {@code exp(score)} is the probability fastText
 * prints, {@code p + 1e-5}. Stateless: safe to share between threads.
 */
abstract class OutputLayer {
    final Matrix output;
    final int labels;

    OutputLayer(Matrix output) {
        this.output = output;
        this.labels = (int) output.rows();
    }

    static OutputLayer of(FastTextArgs.Loss loss, Matrix output, long[] labelCounts) {
        return switch (loss) {
            case SOFTMAX -> new Softmax(output);
            case ONE_VS_ALL, NEGATIVE_SAMPLING -> new Sigmoid(output);
            case HIERARCHICAL_SOFTMAX -> new HierarchicalSoftmax(output, labelCounts);
        };
    }

    /** The {@code k} best labels whose probability is at least {@code threshold}, best first. */
    abstract TopK predict(float[] hidden, int k, float threshold);

    /** fastText's {@code std_log}: {@code log(x + 1e-5)}, the argument a float, the result a float. */
    static float stdLog(float x) {
        return (float) Math.log(x + 1e-5);
    }

    /** fastText's {@code findKBest} over per-label probabilities. */
    static TopK best(float[] probabilities, int k, float threshold) {
        TopK top = new TopK(k);
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] < threshold) {
                continue;
            }
            float score = stdLog(probabilities[i]);
            if (top.full() && score < top.worst()) {
                continue;
            }
            top.add(score, i);
        }
        return top;
    }

    /** Loss softmax: a softmax over {@code output . hidden}. */
    static final class Softmax extends OutputLayer {
        Softmax(Matrix output) {
            super(output);
        }

        @Override
        TopK predict(float[] hidden, int k, float threshold) {
            float[] out = new float[labels];
            for (int i = 0; i < labels; i++) {
                out[i] = output.dotRow(hidden, i);
            }
            float max = out[0];
            for (int i = 0; i < labels; i++) {
                max = Math.max(out[i], max);
            }
            float z = 0.0f;
            for (int i = 0; i < labels; i++) {
                out[i] = (float) Math.exp(out[i] - max);
                z += out[i];
            }
            for (int i = 0; i < labels; i++) {
                out[i] /= z;
            }
            return best(out, k, threshold);
        }
    }

    /**
     * Losses one-vs-all and negative sampling: an independent sigmoid per label, through fastText's 512-step table
     * over [-8, 8] (0 below, 1 above), so probabilities match fastText's, steps included.
     */
    static final class Sigmoid extends OutputLayer {
        private static final int TABLE_SIZE = 512;
        private static final int MAX = 8;
        private static final float[] TABLE = new float[TABLE_SIZE + 1];

        static {
            for (int i = 0; i <= TABLE_SIZE; i++) {
                float x = (float) (i * 2 * MAX) / TABLE_SIZE - MAX;
                TABLE[i] = (float) (1.0 / (1.0 + Math.exp(-x)));
            }
        }

        Sigmoid(Matrix output) {
            super(output);
        }

        static float sigmoid(float x) {
            if (x < -MAX) {
                return 0.0f;
            } else if (x > MAX) {
                return 1.0f;
            }
            return TABLE[(int) ((x + MAX) * TABLE_SIZE / MAX / 2)];
        }

        @Override
        TopK predict(float[] hidden, int k, float threshold) {
            float[] out = new float[labels];
            for (int i = 0; i < labels; i++) {
                out[i] = sigmoid(output.dotRow(hidden, i));
            }
            return best(out, k, threshold);
        }
    }

    /**
     * Loss hs: labels are the leaves of a Huffman tree built from their training counts the way fastText builds
     * it; a label's probability is the product, along its path from the root, of each inner node's sigmoid (right
     * child) or its complement (left child), each factor plus 1e-5 as in fastText. Output row {@code j} belongs to
     * inner node {@code labels + j}; the root is the last node.
     */
    static final class HierarchicalSoftmax extends OutputLayer {
        private final int[] left;
        private final int[] right;

        HierarchicalSoftmax(Matrix output, long[] counts) {
            super(output);
            int osz = counts.length;
            int nodes = 2 * osz - 1;
            left = new int[nodes];
            right = new int[nodes];
            long[] count = new long[nodes];
            Arrays.fill(left, -1);
            Arrays.fill(right, -1);
            Arrays.fill(count, 1_000_000_000_000_000L);
            System.arraycopy(counts, 0, count, 0, osz);
            // Leaves come sorted by count, most frequent first: merge the two smallest of the leaves not yet
            // taken (from the end) and the inner nodes built so far (in order).
            int leaf = osz - 1;
            int node = osz;
            for (int i = osz; i < nodes; i++) {
                int[] smallest = new int[2];
                for (int j = 0; j < 2; j++) {
                    if (leaf >= 0 && count[leaf] < count[node]) {
                        smallest[j] = leaf--;
                    } else {
                        smallest[j] = node++;
                    }
                }
                left[i] = smallest[0];
                right[i] = smallest[1];
                count[i] = count[smallest[0]] + count[smallest[1]];
            }
        }

        @Override
        TopK predict(float[] hidden, int k, float threshold) {
            TopK top = new TopK(k);
            dfs(top, stdLog(threshold), 2 * labels - 2, 0.0f, hidden);
            return top;
        }

        private void dfs(TopK top, float logThreshold, int node, float score, float[] hidden) {
            if (score < logThreshold) {
                return;
            }
            if (top.full() && score < top.worst()) {
                return;
            }
            if (left[node] == -1 && right[node] == -1) {
                top.add(score, node);
                return;
            }
            float f = output.dotRow(hidden, node - labels);
            f = (float) (1.0 / (1.0f + (float) Math.exp(-f)));
            dfs(top, logThreshold, left[node], score + stdLog((float) (1.0 - f)), hidden);
            dfs(top, logThreshold, right[node], score + stdLog(f), hidden);
        }
    }

    /**
     * The best {@code k} (score, label) pairs seen, kept the way fastText keeps them: a binary heap with the worst
     * pair in front, maintained by the algorithms of the GNU C++ library's {@code push_heap}, {@code pop_heap} and
     * {@code sort_heap}, so that equal scores (frequent with the sigmoid table) come out in fastText's order.
     */
    static final class TopK {
        private final int k;
        private final float[] scores;
        private final int[] ids;
        private int size;
        private boolean sorted;

        TopK(int k) {
            this.k = k;
            scores = new float[k + 1];
            ids = new int[k + 1];
        }

        boolean full() {
            return size == k;
        }

        /** The front of the heap: the worst score kept. */
        float worst() {
            return scores[0];
        }

        /** fastText: push the pair; if more than k, pop the front. */
        void add(float score, int id) {
            scores[size] = score;
            ids[size] = id;
            size++;
            siftUp(size - 1, 0, score, id);
            if (size > k) {
                popFront(size);
                size--;
            }
        }

        /** {@code comp(a, b)} of fastText's {@code comparePairs}: a's score is greater than b's. */
        private static boolean before(float a, float b) {
            return a > b;
        }

        /** libstdc++ {@code __push_heap}: move the hole up while its parent compares before the value. */
        private void siftUp(int hole, int top, float score, int id) {
            int parent = (hole - 1) / 2;
            while (hole > top && before(scores[parent], score)) {
                scores[hole] = scores[parent];
                ids[hole] = ids[parent];
                hole = parent;
                parent = (hole - 1) / 2;
            }
            scores[hole] = score;
            ids[hole] = id;
        }

        /** libstdc++ {@code pop_heap} over the first {@code length} entries: the front goes to the last place. */
        private void popFront(int length) {
            if (length <= 1) {
                return;
            }
            int last = length - 1;
            float score = scores[last];
            int id = ids[last];
            scores[last] = scores[0];
            ids[last] = ids[0];
            adjust(0, last, score, id);
        }

        /** libstdc++ {@code __adjust_heap}. */
        private void adjust(int hole, int length, float score, int id) {
            int top = hole;
            int child = hole;
            while (child < (length - 1) / 2) {
                child = 2 * (child + 1);
                if (before(scores[child], scores[child - 1])) {
                    child--;
                }
                scores[hole] = scores[child];
                ids[hole] = ids[child];
                hole = child;
            }
            if ((length & 1) == 0 && child == (length - 2) / 2) {
                child = 2 * (child + 1);
                scores[hole] = scores[child - 1];
                ids[hole] = ids[child - 1];
                hole = child - 1;
            }
            siftUp(hole, top, score, id);
        }

        /** libstdc++ {@code sort_heap}: best first. */
        private void sort() {
            if (!sorted) {
                for (int length = size; length > 1; length--) {
                    popFront(length);
                }
                sorted = true;
            }
        }

        int size() {
            return size;
        }

        float score(int i) {
            sort();
            return scores[i];
        }

        int id(int i) {
            sort();
            return ids[i];
        }
    }
}
