package org.ifl.referencevlm;

/**
 * Judges the language of a generated answer, as the pipeline's language identification would: an ISO 639-1 code,
 * or any other label (for example "none") when it is none of them. Implemented in tests and in the training run with
 * lid-stream's Lingua detector and normaliser; this module only has lid-stream at test scope.
 */
@FunctionalInterface
public interface AnswerLanguage {

    String languageOf(String answer);
}
