/**
 * stats-stream: per-cell IFL figures, windows, DSL debiasing, alerts and the query API, from
 * {@code eval.labeled} and {@code eval.annotations} to {@code eval.stats} and {@code eval.alerts}. This package
 * is the module's public surface: {@link org.ifl.statsstream.StatsStage} (the topology and its options), the
 * HTTP API's views ({@link org.ifl.statsstream.FiguresView}, {@link org.ifl.statsstream.SummaryView},
 * {@link org.ifl.statsstream.CellsCsv}), {@link org.ifl.statsstream.SimulatedCompletions} for tests and
 * benchmarks, {@link org.ifl.statsstream.DslEstimator} (the cell's DSL and identifier-only estimators, for the DSL
 * coverage simulation), and the service with its settings. The topology lives in {@code topology}; the statistics,
 * cells and alerts under {@code internal} are the module's own.
 */
package org.ifl.statsstream;
