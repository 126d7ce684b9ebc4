package org.ifl.referencevlm;

/** How a sentence's hidden states {@code [T, D]} become one vector {@code [D]}. */
public enum Pooling {
    /** The mean over the sentence's tokens: the notes' probe found only this one helps. */
    MEAN,
    /** The last token's state, as many steering papers take it. */
    LAST
}
