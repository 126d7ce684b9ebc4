/**
 * fastText language identification in pure Java: {@link org.ifl.lidstream.internal.detect.fasttext.FastTextModel} reads
 * supervised fastText models ({@code .bin}, and quantized {@code .ftz}) and predicts as fastText does;
 * {@link org.ifl.lidstream.internal.detect.fasttext.FastTextDetector} serves them as a
 * {@link org.ifl.lidstream.LanguageDetector} (GlotLID, fastText's lid.176). No native code and no
 * downloads: the model file is the user's. See {@code docs/fasttext.md}.
 */
package org.ifl.lidstream.internal.detect.fasttext;
