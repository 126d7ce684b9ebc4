package org.ifl.lidstream.internal.detect.fasttext;

/** A model's input or output matrix: rows of {@code cols()} floats, read-only once loaded. */
interface Matrix {
    long rows();

    int cols();

    /** {@code x += row(i)}, in float arithmetic as fastText does. */
    void addRowTo(float[] x, int i);

    /** {@code row(i) . x}, accumulated in float as fastText does. */
    float dotRow(float[] x, int i);
}
