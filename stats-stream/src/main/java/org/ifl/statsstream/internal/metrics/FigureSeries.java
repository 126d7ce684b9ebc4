package org.ifl.statsstream.internal.metrics;

import io.micrometer.core.instrument.Tags;

/** One gauge of the figures: its Micrometer name and tags. */
public record FigureSeries(String name, Tags tags) {
}
