/**
 * Inference worker: consumes {@code eval.queries}, runs a VLM backend with dynamic batching and produces
 * {@code eval.completions}. This package is the module's public surface: the loop
 * ({@link org.ifl.inferenceworker.WorkerLoop}) and its service and settings, the backend contract
 * ({@link org.ifl.inferenceworker.InferenceBackend}) with the reference VLM's backend, and the chat-completions
 * server of {@code ifl serve-model}. The openai and TorchScript backends and request parsing under
 * {@code internal} are the module's own.
 */
package org.ifl.inferenceworker;
