package org.ifl.lidstream.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.ifl.lidstream.CompletionScorer;
import org.ifl.lidstream.LanguageDetector;
import org.ifl.lidstream.LidMetrics;
import org.ifl.lidstream.LinguaDetector;
import org.ifl.lidstream.detect.fasttext.FastTextDetector;
import org.ifl.lidstream.label.LanguageNormaliser;
import org.ifl.lidstream.topology.LidTopology;
import org.ifl.platform.deadletter.DeadLetterCounts;
import org.ifl.platform.kafka.RecoveringStreams;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lid-stream service: loads the detector, then runs {@link LidTopology} with exactly-once v2 against the
 * configured cluster and registry until the application context closes. A state directory that outlived its
 * topics (the entity vocabulary's global store ahead of a re-created {@code eval.entities}) costs one replaced
 * client, not a dead stage ({@link RecoveringStreams}). Present only where
 * {@code ifl.lid.enabled=true}, so other commands sharing the class path do not start it.
 */
@Context
@Requires(property = "ifl.lid.enabled", value = "true")
public final class LidService {
    public static final String KAFKA_CONFIG = org.ifl.platform.ServiceProperties.KAFKA_CONFIG;
    public static final String REGISTRY_CONFIG = org.ifl.platform.ServiceProperties.REGISTRY_CONFIG;
    private static final Logger LOG = LoggerFactory.getLogger(LidService.class);

    private final LanguageDetector detector;
    private final RecoveringStreams streams;
    private final Duration detectorLoadTime;

    LidService(LidSettings settings, @Value("${" + KAFKA_CONFIG + "}") String bootstrapServers,
            @Value("${" + REGISTRY_CONFIG + "}") String registryUrl, MeterRegistry meters) {
        long start = System.nanoTime();
        this.detector = detector(settings);
        this.detectorLoadTime = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} loaded in {} ms", detector.name(), detectorLoadTime.toMillis());

        Timer detection = Timer.builder("ifl.lid.detection")
                .description("time to label and score one completion")
                .publishPercentileHistogram()
                .register(meters);
        FunctionCounter.builder("ifl.deadletters", LidTopology.STAGE, DeadLetterCounts::count)
                .description("records this stage sent to the dead-letter topic")
                .tag("stage", LidTopology.STAGE)
                .register(meters);
        LidMetrics metrics = nanos -> detection.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);

        CompletionScorer scorer = new CompletionScorer(detector, LanguageNormaliser.withDefaultLatinLanguages(),
                Clock.systemUTC());
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(registryUrl));
        Properties config = settings.streamsConfig(bootstrapServers, registryUrl, LidTopology.STAGE);
        this.streams = new RecoveringStreams(LidTopology.STAGE,
                () -> new KafkaStreams(LidTopology.build(topics, scorer, settings.getMaxTextBytes(), metrics), config),
                client -> {
                    KafkaStreamsMetrics clientMetrics = new KafkaStreamsMetrics(client);
                    clientMetrics.bindTo(meters);
                    return clientMetrics;
                }, 1).start();
        LOG.info("lid-stream started against {} (registry {})", bootstrapServers, registryUrl);
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

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The current streams client (another object after a replacement). */
    KafkaStreams streams() {
        return streams.streams();
    }

    /** How many times the streams client was replaced because its state was ahead of its topics. */
    public int replacements() {
        return streams.replacements();
    }

    public LanguageDetector detector() {
        return detector;
    }

    public Duration detectorLoadTime() {
        return detectorLoadTime;
    }

    @PreDestroy
    void close() {
        streams.close(StreamsStageConfig.leavingGroup());
    }
}
