package org.ifl.platform.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.StreamsStageConfig;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.registry.SchemaRegistryClients;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dead-letter path of a Streams stage with Avro serdes over an in-memory registry, in TopologyTestDriver. */
class DeadLetterTopologyTest {
    private static final String REGISTRY = "mem://dead-letter-topology-test";

    private final Topics topics = new Topics(RegistryAvroSerdes.forUrl(REGISTRY));
    private final Topic<String, Query> queries = topics.topic(Topics.QUERIES);
    private final Topic<String, DeadLetter> deadLetters = topics.topic(Topics.DEAD_LETTERS);

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropInMemory("dead-letter-topology-test");
    }

    @Test
    void badRecordsBecomeDeadLettersAndTheStreamGoesOn() {
        Properties config = StreamsStageConfig.exactlyOnce("dead-letter-test", ClusterAccess.plain("unused:9092", REGISTRY), "test-stage");
        try (TopologyTestDriver driver = new TopologyTestDriver(QueryCheckTopology.build(queries), config)) {
            TestInputTopic<String, Query> in = driver.createInputTopic(queries.name(),
                    queries.keySerde().serializer(), queries.valueSerde().serializer());
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(queries.name(),
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, Query> out = driver.createOutputTopic(QueryCheckTopology.CHECKED,
                    queries.keySerde().deserializer(), queries.valueSerde().deserializer());
            TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(deadLetters.name(),
                    deadLetters.keySerde().deserializer(), deadLetters.valueSerde().deserializer());

            Query good = ContractSamples.query();
            Query blank = Query.newBuilder(good).setQueryId("q-blank").setPrompt(" ").build();
            byte[] notAvro = "{\"prompt\": \"json, not avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            in.pipeInput("k0", good);
            raw.pipeInput("k1", notAvro);
            in.pipeInput("k2", blank);
            in.pipeInput("k3", Query.newBuilder(good).setQueryId("q-2").build());

            List<Query> passed = out.readValuesToList();
            assertEquals(List.of("q-1", "q-2"), passed.stream().map(Query::getQueryId).toList());

            // TopologyTestDriver (4.3.1) drops the records a deserialization handler hands back, so only the
            // processing failure shows here; PlatformIT checks the undecodable record's dead letter on a real broker.
            List<org.apache.kafka.streams.test.TestRecord<String, DeadLetter>> letters = dlq.readRecordsToList();
            assertEquals(1, letters.size(), letters.toString());
            assertEquals("eval.queries-0@2", letters.get(0).key());

            DeadLetter unprocessable = letters.get(0).value();
            assertEquals("test-stage", unprocessable.getStage());
            assertEquals("eval.queries", unprocessable.getSourceTopic());
            assertEquals(2L, unprocessable.getSourceOffset());
            assertTrue(unprocessable.getReason().contains("query q-blank has an empty prompt"), unprocessable.getReason());
            assertEquals(IllegalArgumentException.class.getName(), unprocessable.getErrorClass());
            Query original = queries.valueSerde().deserializer().deserialize(queries.name(),
                    unprocessable.getValue().array());
            assertEquals(blank, original, "the dead letter carries the original bytes");
        }
    }
}
