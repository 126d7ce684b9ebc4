/**
 * lid-stream: labels every completion's language and scores it, from {@code eval.completions} to
 * {@code eval.labeled}. This package is the module's public surface: {@link org.ifl.lidstream.LidStage} (the
 * topology and its scorer), the detector contract ({@link org.ifl.lidstream.LanguageDetector},
 * {@link org.ifl.lidstream.Detection}) with its Lingua implementation, the {@link org.ifl.lidstream.LanguageJudge}
 * other modules use to check their own texts, and the service with its settings. The topology lives in
 * {@code topology}; detection, normalisation and scoring details under {@code internal} are the module's own.
 */
package org.ifl.lidstream;
