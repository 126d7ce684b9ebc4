/**
 * The reference VLM: a small LLaVA-style vision-language model the project trains itself (no weights can be
 * downloaded), built from DJL blocks on the PyTorch engine, with the training data it is made from, its
 * trainer, generation and the steering remedy. It is the model the embedded demo evaluates and every
 * inference test runs. This package is what other modules use: the weights ({@link
 * org.ifl.referencevlm.ReferenceModel}), training and its data mix, the offline check ({@link
 * org.ifl.referencevlm.FidelityReport}), the evaluation scenes and their renderer, decoding and pooling choices.
 * The model's blocks, data generation, trainer and tokenizer in the subpackages are the module's own.
 */
package org.ifl.referencevlm;
