package org.ifl.lidstream.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.Topology;
import org.ifl.lidstream.LidMetrics;
import org.ifl.lidstream.LidTopology;
import org.ifl.lidstream.detect.LanguageDetector;
import org.ifl.lidstream.detect.LinguaDetector;
import org.ifl.lidstream.detect.fasttext.FastTextDetector;
import org.ifl.lidstream.label.LanguageNormaliser;
import org.ifl.lidstream.score.CompletionScorer;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StreamsStage;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lid-stream as a Streams stage: the detector, loaded once when the context starts, and {@link LidTopology} on it;
 * the platform's {@link StreamsStageService} runs it. Present in the {@value #ENVIRONMENT} environment, whose
 * settings are {@code application-lid.yml}.
 */
@Singleton
@Requires(env = LidStage.ENVIRONMENT)
public final class LidStage implements StreamsStage {
    public static final String ENVIRONMENT = "lid";
    private static final Logger LOG = LoggerFactory.getLogger(LidStage.class);

    private final LidSettings settings;
    private final LanguageDetector detector;
    private final Duration detectorLoadTime;
    private final CompletionScorer scorer;
    private final Topics topics;
    private final LidMetrics metrics;

    LidStage(LidSettings settings, Cluster cluster, MeterRegistry meters) {
        this.settings = settings;
        long start = System.nanoTime();
        this.detector = detector(settings);
        this.detectorLoadTime = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} loaded in {} ms", detector.name(), detectorLoadTime.toMillis());
        Timer detection = Timer.builder("ifl.lid.detection")
                .description("time to label and score one completion")
                .publishPercentileHistogram()
                .register(meters);
        this.metrics = nanos -> detection.record(nanos, TimeUnit.NANOSECONDS);
        this.scorer = new CompletionScorer(detector, LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
        this.topics = new Topics(RegistryAvroSerdes.forUrl(cluster.registryUrl()));
    }

    static LanguageDetector detector(LidSettings settings) {
        if (settings.getFasttextModel() == null || settings.getFasttextModel().isBlank()) {
            return new LinguaDetector(settings.getLanguages());
        }
        Path model = Path.of(settings.getFasttextModel());
        try {
            return new FastTextDetector(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fastText model " + model + " (" + LidSettings.PREFIX
                    + ".fasttext-model)", e);
        }
    }

    @Override
    public String name() {
        return LidTopology.STAGE;
    }

    @Override
    public LidSettings settings() {
        return settings;
    }

    @Override
    public Topology topology() {
        return LidTopology.build(topics, scorer, settings.getMaxTextBytes(), metrics);
    }

    @Override
    public Map<String, Object> healthDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detector", detector.name());
        if (detector instanceof LinguaDetector lingua) {
            details.put("languages", lingua.languages());
        }
        details.put("detectorLoadMs", detectorLoadTime.toMillis());
        return details;
    }

    public LanguageDetector detector() {
        return detector;
    }
}
