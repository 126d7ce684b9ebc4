/**
 * The reference VLM's training and evaluation data, in plain Java: scenes of counted coloured shapes
 * ({@link org.ifl.referencevlm.Scene}), drawn deterministically ({@link org.ifl.referencevlm.SceneRenderer}),
 * described, asked about and answered in 14 languages ({@link org.ifl.referencevlm.data.Phrasebook}), mixed into a
 * seeded stream of text-only and image examples ({@link org.ifl.referencevlm.data.TrainingDataGenerator} under a
 * {@link org.ifl.referencevlm.DataMix}) and an evaluation set with held-out combinations
 * ({@link org.ifl.referencevlm.EvaluationSet}).
 *
 * <p>The mix is the knob that sets the size of the image-induced fidelity loss the model learns: the share of image
 * examples answered in English whatever the question's language
 * ({@link org.ifl.referencevlm.DataMix#englishImageShare()}), and per language
 * ({@link org.ifl.referencevlm.DataMix#englishImageShareByLanguage()}): the languages whose image data was
 * partly translated keep their language under the image.
 */
package org.ifl.referencevlm.data;

import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.SceneRenderer;
