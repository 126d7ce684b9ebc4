/**
 * Statistics stream: per-cell IFL figures, windows, DSL debiasing, alerts and the query API, from
 * {@code eval.labeled} and {@code eval.annotations} to {@code eval.stats} and {@code eval.alerts}. Built in its
 * own issue; this module so far only fixes its place in the build.
 */
package org.ifl.statsstream;
