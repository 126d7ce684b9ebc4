package org.ifl.lidstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.Topology;
import org.ifl.lidstream.internal.detect.fasttext.FastTextDetector;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StageMeters;
import org.ifl.platform.service.StreamsStage;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lid-stream as a Streams stage: the detector, loaded once when the context starts, and {@link LidStage#topology} on it;
 * the platform's {@link StreamsStageService} runs it. Present in the {@value #ENVIRONMENT} environment, whose
 * settings are {@code application-lid.yml}.
 */
@Singleton
@Requires(env = LidService.ENVIRONMENT)
public final class LidService implements StreamsStage {
    private static final Logger LOG = LoggerFactory.getLogger(LidService.class);
    public static final String ENVIRONMENT = "lid";

    private final LidSettings settings;
    private final LanguageDetector detector;
    private final Map<String, Object> healthDetails;
    /** The topology on the one detector and scorer that every client shares. */
    private final Supplier<Topology> topology;

    LidService(LidSettings settings, Cluster cluster, MeterRegistry meters) {
        long start = System.nanoTime();
        this.detector = detector(settings);
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} loaded in {} ms", detector.name(), loadTime.toMillis());
        this.settings = settings;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detector", detector.name());
        if (detector instanceof LinguaDetector lingua) {
            details.put("languages", lingua.languages());
        }
        details.put("detectorLoadMs", loadTime.toMillis());
        this.healthDetails = Collections.unmodifiableMap(details);

        Timer detection = Timer.builder("ifl.lid.detection")
                .description("time to label and score one completion")
                .publishPercentileHistogram()
                .register(meters);
        Counter labeled = StageMeters.records(meters, LidStage.STAGE, "completions labeled and scored");
        LidMetrics metrics = nanos -> {
            detection.record(nanos, TimeUnit.NANOSECONDS);
            labeled.increment();
        };
        CompletionScorer scorer = LidStage.scorer(detector);
        Topics topics = new Topics(cluster.access().serdes());
        this.topology = () -> LidStage.topology(topics, scorer, settings.getMaxTextBytes(), metrics);
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
        return LidStage.STAGE;
    }

    @Override
    public LidSettings settings() {
        return settings;
    }

    @Override
    public Topology topology() {
        return topology.get();
    }

    @Override
    public Map<String, Object> healthDetails() {
        return healthDetails;
    }

    public LanguageDetector detector() {
        return detector;
    }
}
