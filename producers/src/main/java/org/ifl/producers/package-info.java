/**
 * Producers: benchmark suites turned into paired query events on {@code eval.queries}, stored completions
 * replayed onto {@code eval.completions}, and checkpoint registration and watching. This package is the
 * module's public surface: reading suites ({@link org.ifl.producers.Suites}), publishing them
 * ({@link org.ifl.producers.SuitePublisher}), replaying runs ({@link org.ifl.producers.ReplayFormats},
 * {@link org.ifl.producers.CompletionReplayer}) and checkpoints ({@link org.ifl.producers.CheckpointRegistration},
 * {@link org.ifl.producers.CheckpointWatcher}). The benchmark readers, replay formats and the bundled sample
 * suite's parts under {@code internal} are the module's own.
 */
package org.ifl.producers;
