package org.ifl.lidstream.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.lidstream.LidService;
import org.ifl.lidstream.TestCompletions;
import org.ifl.lidstream.topology.LidTopology;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lid service's state directory outlives its topics, as after {@code ifl up --fresh}: the entity vocabulary's
 * global store has a checkpoint past the end of the new, empty {@code eval.entities}. The stage used to die there
 * (its global thread stopped on an OffsetOutOfRange); now its client is replaced once and it labels again.
 */
class LidStateAheadOfTopicsIT {
    private static final int ENTITIES = 5;

    @TempDir
    Path dir;

    @Test
    void aStateDirectoryThatOutlivedItsTopicsCostsOneReplacedClient() throws Exception {
        Path state = dir.resolve("lid-state");
        try (EmbeddedPlatform first = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dir.resolve("a")));
                ApplicationContext lid = lid(first, state)) {
            StreamsStageService service = lid.getBean(StreamsStageService.class);
            Topic<String, DatasetEntity> entities = topics(first).topic(Topics.ENTITIES);
            try (Producer<String, DatasetEntity> producer = new TopicProducers(first.clusterAccess()).create(Topics.ENTITIES, "entities")) {
                for (int i = 0; i < ENTITIES; i++) {
                    String id = "Q" + i;
                    producer.send(new ProducerRecord<>(entities.name(), RecordKey.of("artwork", id),
                            new DatasetEntity("artwork", new ReferenceEntity(id, Map.of("en", List.of("Name " + i))),
                                    Instant.parse("2026-12-01T00:00:00Z")))).get();
                }
            }
            Await.until("the vocabulary in the global store", () -> vocabularySize(service.streams()) == ENTITIES);
        }

        try (EmbeddedPlatform second = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dir.resolve("b")));
                ApplicationContext lid = lid(second, state)) {
            StreamsStageService service = lid.getBean(StreamsStageService.class);
            Await.until("a replaced client running", () -> service.replacements() == 1
                    && service.state() == KafkaStreams.State.RUNNING);
            assertEquals(0, vocabularySize(service.streams()), "the store was rebuilt from the new, empty topic");

            Topics topics = topics(second);
            Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
            Completion answer = TestCompletions.answer("after-restart", "de", "de", TestCompletions.ANSWERS.get("de"));
            try (Producer<String, Completion> producer = new TopicProducers(second.clusterAccess()).create(Topics.COMPLETIONS, "completions")) {
                producer.send(new ProducerRecord<>(completions.name(), RecordKey.cell(answer.getPair()), answer)).get();
            }
            Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
            LabeledCompletion out = CommittedRecords.read(second.bootstrapServers(), labeled.name(),
                    labeled.valueSerde().deserializer(), 1).get(0).value();
            assertEquals("de", out.getLabel().getLanguage());
            assertEquals(1, service.replacements(), "replaced once");
        }
    }

    private static ApplicationContext lid(EmbeddedPlatform platform, Path state) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        properties.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        properties.put("ifl.lid.state-dir", state.toString());
        return ServiceContext.start(LidService.ENVIRONMENT, properties);
    }

    private static Topics topics(EmbeddedPlatform platform) {
        return new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
    }

    private static long vocabularySize(KafkaStreams streams) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        ReadOnlyKeyValueStore<Object, Object> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(LidTopology.ENTITY_VOCABULARY,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException notYet) {
            return -1;
        }
        long n = 0;
        try (KeyValueIterator<Object, Object> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
