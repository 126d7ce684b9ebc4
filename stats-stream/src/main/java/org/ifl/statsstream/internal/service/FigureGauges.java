package org.ifl.statsstream.internal.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.statsstream.StatsMetricsSettings;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.api.CellQueries;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.metrics.FigureMetrics;
import org.ifl.statsstream.internal.metrics.FigureSeries;
import org.ifl.statsstream.internal.metrics.GaugeSet;
import org.ifl.statsstream.topology.CheckpointProcessor;
import org.ifl.statsstream.topology.StatsTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures as gauges ({@link FigureMetrics}, docs/metrics.md), of the cells this instance hosts: the stores
 * of its active tasks, the models whose partitions it owns, so that across instances each series comes from
 * exactly one. Once per emit interval the most recent {@code ifl.stats.metrics.checkpoints-per-model}
 * checkpoints of each hosted model are read (prefix scans of those checkpoints only) into a snapshot the
 * gauges read on a scrape; a checkpoint that falls out of the most recent, or a model that moved to another
 * instance, has its gauges removed. While the stores cannot be read (starting, rebalancing) there are none.
 */
@Context
@Requires(beans = StatsService.class)
final class FigureGauges {
    private static final Logger LOG = LoggerFactory.getLogger(FigureGauges.class);

    private final StreamsStageService stage;
    private final int checkpointsPerModel;
    private final GaugeSet gauges;
    private final ScheduledExecutorService refresher;

    FigureGauges(StreamsStageService stage, StatsSettings settings, StatsMetricsSettings metrics,
            MeterRegistry meters) {
        this.stage = stage;
        this.checkpointsPerModel = metrics.getCheckpointsPerModel();
        this.gauges = new GaugeSet(meters, FigureMetrics.DESCRIPTIONS);
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ifl-stats-figure-gauges");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.getEmitInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            KafkaStreams streams = stage.streams();
            gauges.show(streams == null || streams.state() != KafkaStreams.State.RUNNING ? Map.of()
                    : snapshot(streams));
        } catch (InvalidStateStoreException e) {
            LOG.debug("the figures' stores cannot be read now, no figure gauges: {}", e.getMessage());
            gauges.show(Map.of());
        } catch (RuntimeException e) {
            // thrown out of a scheduled task, it would cancel every later refresh
            LOG.warn("the figure gauges were not refreshed", e);
        }
    }

    private Map<FigureSeries, Double> snapshot(KafkaStreams streams) {
        CellQueries queries = CellQueries.local(streams);
        ReadOnlyKeyValueStore<String, String> order = CellQueries.localStore(streams,
                StatsTopology.CHECKPOINT_ORDER_STORE);
        ReadOnlyKeyValueStore<String, String> alerts = CellQueries.localStore(streams,
                StatsTopology.ALERT_STATES_STORE);
        Map<FigureSeries, Double> snapshot = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> models = order.all()) {
            while (models.hasNext()) {
                KeyValue<String, String> model = models.next();
                for (String checkpoint : FigureMetrics.recent(CheckpointProcessor.checkpointsInOrder(model.value),
                        checkpointsPerModel)) {
                    SummaryView summary = queries.summary(model.key, checkpoint, CellWindow.CUMULATIVE);
                    snapshot.putAll(FigureMetrics.ofCheckpoint(model.key, checkpoint,
                            queries.cells(model.key, checkpoint, null, CellWindow.CUMULATIVE),
                            summary == null ? null : summary.checkpointSummary(),
                            CheckpointProcessor.regressionStands(alerts, model.key, checkpoint)));
                }
            }
        }
        return snapshot;
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
    }
}
