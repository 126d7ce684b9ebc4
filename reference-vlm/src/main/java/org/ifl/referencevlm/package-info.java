/**
 * The reference VLM: a small LLaVA-style vision-language model the project trains itself (no weights can be
 * downloaded), built from DJL blocks on the PyTorch engine, with the training data it is made from, its
 * trainer, generation and the steering remedy. It is the model the embedded demo evaluates and every
 * inference test runs.
 */
package org.ifl.referencevlm;
