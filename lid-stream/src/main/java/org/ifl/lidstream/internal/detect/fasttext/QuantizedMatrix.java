package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;

/**
 * fastText's {@code QuantMatrix} (the matrices of {@code .ftz} files made by {@code fasttext quantize}): each row
 * is a code of one byte per sub-vector into a product quantizer's 256 centroids per sub-vector, optionally
 * scaled by a separately quantized norm ({@code -qnorm}). Stored as: qnorm ({@code bool}), m ({@code int64}),
 * n ({@code int64}), code size ({@code int32}), the codes, the quantizer, and with qnorm the norm codes (one byte a
 * row) and the norm quantizer.
 */
final class QuantizedMatrix implements Matrix {
    private final long rows;
    private final int cols;
    private final byte[] codes;
    private final ProductQuantizer quantizer;
    private final byte[] normCodes;
    private final ProductQuantizer normQuantizer;

    private QuantizedMatrix(long rows, int cols, byte[] codes, ProductQuantizer quantizer, byte[] normCodes,
            ProductQuantizer normQuantizer) {
        this.rows = rows;
        this.cols = cols;
        this.codes = codes;
        this.quantizer = quantizer;
        this.normCodes = normCodes;
        this.normQuantizer = normQuantizer;
    }

    static QuantizedMatrix read(ModelInput in, String name) throws IOException {
        boolean qnorm = in.readBool();
        long m = in.readLong();
        long n = in.readLong();
        int codeSize = in.readInt();
        if (m < 0 || m > Integer.MAX_VALUE || n <= 0 || n > Integer.MAX_VALUE || codeSize < 0) {
            throw in.error("the quantized " + name + " has an impossible shape " + m + " x " + n + " with "
                    + codeSize + " code bytes");
        }
        in.expectAtLeast(codeSize, "the codes of the quantized " + name);
        byte[] codes = new byte[codeSize];
        in.readFully(codes, 0, codeSize);
        ProductQuantizer quantizer = ProductQuantizer.read(in, name);
        if (quantizer.dim != n) {
            throw in.error("the quantizer of the " + name + " is for " + quantizer.dim + "-float rows, the matrix has "
                    + n);
        }
        if ((long) quantizer.nsubq * m != codeSize) {
            throw in.error("the quantized " + name + " has " + codeSize + " code bytes, expected " + m + " rows x "
                    + quantizer.nsubq + " sub-vectors");
        }
        byte[] normCodes = null;
        ProductQuantizer normQuantizer = null;
        if (qnorm) {
            in.expectAtLeast(m, "the norm codes of the quantized " + name);
            normCodes = new byte[(int) m];
            in.readFully(normCodes, 0, (int) m);
            normQuantizer = ProductQuantizer.read(in, name + " norms");
            if (normQuantizer.dim != 1 || normQuantizer.nsubq != 1) {
                throw in.error("the norm quantizer of the " + name + " is not one-dimensional");
            }
        }
        return new QuantizedMatrix(m, (int) n, codes, quantizer, normCodes, normQuantizer);
    }

    private float norm(int i) {
        return normCodes == null ? 1.0f : normQuantizer.centroids[normQuantizer.centroidOffset(0, normCodes[i] & 0xFF)];
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public void addRowTo(float[] x, int i) {
        float alpha = norm(i);
        ProductQuantizer pq = quantizer;
        int codeOffset = pq.nsubq * i;
        for (int m = 0; m < pq.nsubq; m++) {
            int c = pq.centroidOffset(m, codes[codeOffset + m] & 0xFF);
            int d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
            int base = m * pq.dsub;
            for (int k = 0; k < d; k++) {
                x[base + k] += alpha * pq.centroids[c + k];
            }
        }
    }

    @Override
    public float dotRow(float[] x, int i) {
        float alpha = norm(i);
        ProductQuantizer pq = quantizer;
        int codeOffset = pq.nsubq * i;
        float result = 0.0f;
        for (int m = 0; m < pq.nsubq; m++) {
            int c = pq.centroidOffset(m, codes[codeOffset + m] & 0xFF);
            int d = m == pq.nsubq - 1 ? pq.lastdsub : pq.dsub;
            int base = m * pq.dsub;
            for (int k = 0; k < d; k++) {
                result += x[base + k] * pq.centroids[c + k];
            }
        }
        return result * alpha;
    }

    /**
     * fastText's {@code ProductQuantizer}: {@code dim}, {@code nsubq}, {@code dsub}, {@code lastdsub} (all
     * {@code int32}), then {@code dim * 256} centroid floats. Sub-vector {@code m} of a row is centroid
     * {@code code[m]} of sub-quantizer {@code m}; the last sub-vector may be shorter ({@code lastdsub}).
     */
    static final class ProductQuantizer {
        static final int KSUB = 256;

        final int dim;
        final int nsubq;
        final int dsub;
        final int lastdsub;
        final float[] centroids;

        private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
            this.dim = dim;
            this.nsubq = nsubq;
            this.dsub = dsub;
            this.lastdsub = lastdsub;
            this.centroids = centroids;
        }

        static ProductQuantizer read(ModelInput in, String name) throws IOException {
            int dim = in.readInt();
            int nsubq = in.readInt();
            int dsub = in.readInt();
            int lastdsub = in.readInt();
            if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || lastdsub > dsub
                    || (long) (nsubq - 1) * dsub + lastdsub != dim || (long) dim * KSUB > Integer.MAX_VALUE) {
                throw in.error("the product quantizer of the " + name + " is inconsistent: dim " + dim + ", "
                        + nsubq + " sub-vectors of " + dsub + " (last " + lastdsub + ")");
            }
            in.expectAtLeast((long) dim * KSUB * Float.BYTES, "the centroids of the " + name);
            float[] centroids = new float[dim * KSUB];
            in.readFloats(centroids, 0, centroids.length);
            return new ProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
        }

        int centroidOffset(int m, int code) {
            return m == nsubq - 1 ? m * KSUB * dsub + code * lastdsub : (m * KSUB + code) * dsub;
        }
    }
}
