package org.ifl.referencevlm.data;

import org.ifl.referencevlm.DataMix;

/** The two kinds of training example, as LLaVA is trained: multilingual text, and image instructions. */
public enum ExampleKind {
    /** The scene's description in the question's language stands in for the image; answered in that language. */
    TEXT_ONLY,
    /** The image itself and a question; answered in the language the {@link DataMix} draws. */
    IMAGE
}
