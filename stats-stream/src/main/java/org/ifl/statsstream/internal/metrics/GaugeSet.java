package org.ifl.statsstream.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A set of gauges that follows a snapshot of values: {@link #show} registers a gauge for each new series and
 * removes from the registry those no longer in the snapshot, so a series dropped from the figures leaves
 * {@code /prometheus}. A scrape reads the snapshot's map, never the stores.
 */
public final class GaugeSet {
    private final MeterRegistry registry;
    private final Map<String, String> descriptions;
    private volatile Map<FigureSeries, Double> values = Map.of();
    /** Only touched under this object's lock. */
    private final Map<FigureSeries, Gauge> registered = new HashMap<>();

    public GaugeSet(MeterRegistry registry, Map<String, String> descriptions) {
        this.registry = registry;
        this.descriptions = Map.copyOf(descriptions);
    }

    /** Makes the gauges those of {@code snapshot}, with its values. */
    public synchronized void show(Map<FigureSeries, Double> snapshot) {
        values = Map.copyOf(snapshot);
        for (Iterator<Map.Entry<FigureSeries, Gauge>> it = registered.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<FigureSeries, Gauge> gauge = it.next();
            if (!snapshot.containsKey(gauge.getKey())) {
                registry.remove(gauge.getValue());
                it.remove();
            }
        }
        for (FigureSeries series : snapshot.keySet()) {
            registered.computeIfAbsent(series, s -> Gauge.builder(s.name(), this, g -> g.value(s))
                    .description(descriptions.get(s.name())).tags(s.tags()).strongReference(true)
                    .register(registry));
        }
    }

    /** How many gauges are registered. */
    public synchronized int size() {
        return registered.size();
    }

    private double value(FigureSeries series) {
        Double value = values.get(series);
        return value == null ? Double.NaN : value;
    }
}
