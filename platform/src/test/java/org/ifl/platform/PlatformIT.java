package org.ifl.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.deadletter.DeadLetterReason;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.registry.RegisteredSchema;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.serde.WireFormatException;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded platform for real: a KRaft broker and the registry in this JVM. */
class PlatformIT {
    @TempDir
    static Path dataDir;
    static EmbeddedPlatform platform;

    @BeforeAll
    static void start() {
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void topicsAreCreatedAsTheRegistrySays() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            for (TopicContract<?, ?> contract : Topics.ALL) {
                int partitions = admin.describeTopics(List.of(contract.name())).allTopicNames().get()
                        .get(contract.name()).partitions().size();
                assertEquals(contract.spec().partitions(), partitions, contract.name());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, contract.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                contract.spec().configs().forEach((key, value) ->
                        assertEquals(value, config.get(key).value(), contract.name() + " " + key));
            }
        }
        assertTrue(EmbeddedPlatform.readEndpoints(dataDir).isPresent());
    }

    @Test
    void aTopicMadeBeforeTheRegistryKeptRecordsByWriteTimeIsSetSo() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            ConfigResource completions = new ConfigResource(ConfigResource.Type.TOPIC, Topics.COMPLETIONS.name());
            admin.incrementalAlterConfigs(Map.of(completions, List.of(new AlterConfigOp(
                    new ConfigEntry("message.timestamp.type", "CreateTime"), AlterConfigOp.OpType.SET)))).all().get();
            // A broker applies a config change from the metadata log, after the admin call returns.
            Await.until("completions kept by CreateTime", () -> "CreateTime".equals(timestampType(admin, completions)));

            new TopicProvisioner(admin, (short) 1).ensure(Topics.ALL);

            Await.until("completions kept by LogAppendTime again",
                    () -> "LogAppendTime".equals(timestampType(admin, completions)));
        }
    }

    private static String timestampType(Admin admin, ConfigResource topic) {
        try {
            return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("message.timestamp.type").value();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic.name(), e);
        }
    }

    @Test
    void aSecondPlatformOnTheSameDataDirIsRefusedAndTheFirstGoesOn() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedPlatform.start(new EmbeddedPlatform.Settings(dataDir, 0, 0, 0, true)));
        assertTrue(refused.getMessage().contains("in use by another running platform"), refused.getMessage());
        PlatformScenarios.everyContractRoundTrips(platform.bootstrapServers(), platform.registryUrl());
    }

    @Test
    void everyContractRoundTrips() {
        PlatformScenarios.everyContractRoundTrips(platform.bootstrapServers(), platform.registryUrl());
    }

    @Test
    void corruptRecordIsDeadLetteredAndTheNextIsProcessed() {
        PlatformScenarios.corruptRecordIsDeadLetteredAndTheNextIsProcessed(platform.clusterAccess());
    }

    @Test
    void aPlainConsumerLoopDeadLettersWhatItCannotReadAndCommitsPastIt() throws Exception {
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        Topic<String, Query> queries = topics.topic(Topics.QUERIES);
        Topic<String, DeadLetter> deadLetters = topics.topic(Topics.DEAD_LETTERS);
        byte[] truncated = {0, 0, 0};
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                PlatformScenarios.producerConfig(platform.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            written = producer.send(new ProducerRecord<>(queries.name(), "loop-key", truncated)).get();
        }
        try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(
                PlatformScenarios.producerConfig(platform.bootstrapServers()), deadLetters.keySerde().serializer(),
                deadLetters.valueSerde().serializer())) {
            DeadLetterPublisher publisher = new DeadLetterPublisher("inference-worker", deadLetters, producer);
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(queries.name(), written.partition(),
                    written.offset(), "loop-key".getBytes(StandardCharsets.UTF_8), truncated);
            try {
                queries.valueSerde().deserializer().deserialize(queries.name(), record.value());
            } catch (WireFormatException e) {
                publisher.publish(record, DeadLetterReason.DESERIALIZATION, null, e).get();
            }
        }
        String key = queries.name() + "-" + written.partition() + "@" + written.offset();
        DeadLetter letter = CommittedRecords.read(platform.bootstrapServers(), deadLetters.name(),
                deadLetters.valueSerde().deserializer(), r -> key.equals(r.key()), 1).get(0).value();
        assertEquals("inference-worker", letter.getStage());
        assertTrue(letter.getReason().startsWith("TRUNCATED"), letter.getReason());
        assertEquals(WireFormatException.class.getName(), letter.getErrorClass());
        assertEquals(written.offset(), letter.getSourceOffset());
    }

    @Test
    void schemaIdsSurviveARestartOfBrokerAndRegistry() {
        SchemaRegistryClient before = platform.clusterAccess().registry();
        Schema extra = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"it\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        before.register("probe-value", extra);
        Map<String, RegisteredSchema> latestBefore = latestOfEverySubject(before);

        platform.close();
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        SchemaRegistryClient after = platform.clusterAccess().registry();

        assertEquals(latestBefore, latestOfEverySubject(after));
        assertEquals(latestBefore.get("probe-value").id(), after.register("probe-value", extra));
        int maxBefore = latestBefore.values().stream().mapToInt(RegisteredSchema::id).max().orElseThrow();
        Schema another = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe2\",\"namespace\":\"it\",\"fields\":[{\"name\":\"b\",\"type\":\"long\"}]}");
        assertEquals(maxBefore + 1, after.register("probe2-value", another), "new ids continue after the old ones");
        assertEquals(List.of(), platform.createdTopics(), "a restart finds its topics");
    }

    @Test
    void onlyThePlatformsOwnClientsRegisterNewSchemas() throws Exception {
        Schema probe = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Guarded\",\"namespace\":\"it\",\"fields\":[]}");
        RestSchemaRegistryClient anonymous = new RestSchemaRegistryClient(platform.registryUrl());
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> anonymous.register("guarded-value", probe));
        assertEquals(403, refused.httpStatus(), refused.getMessage());
        assertTrue(refused.getMessage().contains("guarded-value"), refused.getMessage());
        // every contract's schema is registered at start, so any client writes every topic
        Schema queries = Query.getClassSchema();
        assertEquals(platform.clusterAccess().registry().idOf(Topics.QUERIES.name() + "-value", queries),
                anonymous.register(Topics.QUERIES.name() + "-value", queries));

        ClientProperties written = ClientProperties.load(platform.clientPropertiesFile());
        String fileText = Files.readString(platform.clientPropertiesFile());
        String token = written.registryAccess().bearerToken();
        assertFalse(fileText.contains(token), "the client properties name the token, not hold it");
        int id = new RestSchemaRegistryClient(written.registryUrl().orElseThrow(), Duration.ofSeconds(10),
                written.registryAccess()).register("guarded-value", probe);
        assertEquals(id, platform.clusterAccess().registry().idOf("guarded-value", probe));
    }

    private static Map<String, RegisteredSchema> latestOfEverySubject(SchemaRegistryClient client) {
        Map<String, RegisteredSchema> latest = new TreeMap<>();
        client.subjects().forEach(subject -> latest.put(subject, client.latest(subject)));
        return latest;
    }
}
