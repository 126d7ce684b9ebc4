/**
 * Inference worker: consumes {@code eval.queries}, runs a VLM backend with dynamic batching and produces
 * {@code eval.completions}. Built in its own issue; this module so far only fixes its place in the build.
 */
package org.ifl.inferenceworker;
