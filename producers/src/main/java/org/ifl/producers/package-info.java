/**
 * Producers: benchmark adapters that turn dataset files into paired query events on {@code eval.queries},
 * replay of stored completions onto {@code eval.completions}, and checkpoint registration. Built in its own
 * issue; this module so far only fixes its place in the build.
 */
package org.ifl.producers;
