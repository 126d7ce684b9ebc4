package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;

/**
 * fastText's {@code DenseMatrix}: {@code m} ({@code int64}), {@code n} ({@code int64}), then {@code m*n}
 * {@code float32}, row after row. Held on the heap in blocks of whole rows, so a matrix may exceed the 2^31
 * elements of one Java array (GlotLID's input matrix is about 1.6 GB).
 */
final class DenseMatrix implements Matrix {
    private static final int MAX_BLOCK_FLOATS = 1 << 27;

    private final long rows;
    private final int cols;
    private final int rowsPerBlock;
    private final float[][] blocks;

    private DenseMatrix(long rows, int cols, float[][] blocks, int rowsPerBlock) {
        this.rows = rows;
        this.cols = cols;
        this.blocks = blocks;
        this.rowsPerBlock = rowsPerBlock;
    }

    static DenseMatrix read(ModelInput in, String name) throws IOException {
        long m = in.readLong();
        long n = in.readLong();
        if (m < 0 || n <= 0 || n > MAX_BLOCK_FLOATS || m > Integer.MAX_VALUE) {
            throw in.error("the " + name + " has an impossible shape " + m + " x " + n);
        }
        long floats = m * n;
        in.expectAtLeast(floats * Float.BYTES, "the " + m + " x " + n + " floats of the " + name);
        int cols = (int) n;
        int rowsPerBlock = Math.max(1, MAX_BLOCK_FLOATS / cols);
        int blockCount = (int) ((m + rowsPerBlock - 1) / rowsPerBlock);
        float[][] blocks = new float[blockCount][];
        for (int b = 0; b < blockCount; b++) {
            long blockRows = Math.min(rowsPerBlock, m - (long) b * rowsPerBlock);
            blocks[b] = new float[(int) (blockRows * cols)];
            in.readFloats(blocks[b], 0, blocks[b].length);
        }
        return new DenseMatrix(m, cols, blocks, rowsPerBlock);
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
        float[] block = blocks[i / rowsPerBlock];
        int offset = (i % rowsPerBlock) * cols;
        for (int j = 0; j < cols; j++) {
            x[j] += block[offset + j];
        }
    }

    @Override
    public float dotRow(float[] x, int i) {
        float[] block = blocks[i / rowsPerBlock];
        int offset = (i % rowsPerBlock) * cols;
        float d = 0.0f;
        for (int j = 0; j < cols; j++) {
            d += block[offset + j] * x[j];
        }
        return d;
    }
}
