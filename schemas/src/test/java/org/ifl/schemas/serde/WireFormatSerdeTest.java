package org.ifl.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.registry.InMemorySchemaRegistryClient;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

class WireFormatSerdeTest {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient("wire-format-test");
    private final Topics topics = new Topics(new RegistryAvroSerdes(registry, true));

    @Test
    void everyContractRoundTripsAndRegistersItsValueSubject() {
        for (TopicContract<?, ?> contract : Topics.ALL) {
            SpecificRecord sample = ContractSamples.of(contract).value();
            assertEquals(sample, roundTrip(topics.topic(contract), sample), contract.name());
            assertTrue(registry.subjects().contains(contract.name() + "-value"), contract.name());
        }
        assertEquals(Topics.ALL.size(), registry.subjects().size());
    }

    @Test
    void headerIsMagicByteZeroThenTheRegisteredIdBigEndian() {
        byte[] bytes = serialize(Topics.CHECKPOINTS, ContractSamples.checkpoint());
        int id = registry.idOf("eval.checkpoints-value", Checkpoint.getClassSchema());
        assertEquals(0, bytes[0]);
        assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    @Test
    void nullIsATombstoneBothWays() {
        Topic<String, Checkpoint> topic = topics.topic(Topics.CHECKPOINTS);
        assertNull(topic.valueSerde().serializer().serialize(topic.name(), null));
        assertNull(topic.valueSerde().deserializer().deserialize(topic.name(), null));
    }

    @Test
    void wrongMagicByteIsNamed() {
        byte[] bytes = serialize(Topics.CHECKPOINTS, ContractSamples.checkpoint());
        bytes[0] = 7;
        WireFormatException e = deserializeFails(Topics.CHECKPOINTS, bytes);
        assertEquals(WireFormatException.Problem.WRONG_MAGIC_BYTE, e.problem());
        assertTrue(e.getMessage().contains("0x07"), e.getMessage());
    }

    @Test
    void unknownSchemaIdIsNamed() {
        byte[] bytes = serialize(Topics.CHECKPOINTS, ContractSamples.checkpoint());
        ByteBuffer.wrap(bytes, 1, 4).putInt(4242);
        WireFormatException e = deserializeFails(Topics.CHECKPOINTS, bytes);
        assertEquals(WireFormatException.Problem.UNKNOWN_SCHEMA_ID, e.problem());
        assertTrue(e.getMessage().contains("4242"), e.getMessage());
    }

    @Test
    void bytesShorterThanTheHeaderAreTruncated() {
        WireFormatException e = deserializeFails(Topics.CHECKPOINTS, new byte[] {0, 0, 1});
        assertEquals(WireFormatException.Problem.TRUNCATED, e.problem());
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    }

    @Test
    void aBodyCutShortIsTruncated() {
        byte[] bytes = serialize(Topics.COMPLETIONS, ContractSamples.completion());
        WireFormatException e = deserializeFails(Topics.COMPLETIONS, Arrays.copyOf(bytes, bytes.length - 10));
        assertEquals(WireFormatException.Problem.TRUNCATED, e.problem());
    }

    @Test
    void bytesLeftOverAreACorruptBody() {
        byte[] bytes = serialize(Topics.CHECKPOINTS, ContractSamples.checkpoint());
        WireFormatException e = deserializeFails(Topics.CHECKPOINTS, Arrays.copyOf(bytes, bytes.length + 3));
        assertEquals(WireFormatException.Problem.CORRUPT_BODY, e.problem());
    }

    @Test
    void recordsWrittenWithAnOlderSchemaReadWithTheCurrentClass() throws Exception {
        // An older Checkpoint contract without the fields added later (suites, remedyEnabled, attributes).
        Schema current = Checkpoint.getClassSchema();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream()
                        .filter(f -> !f.name().equals("suites") && !f.name().equals("remedyEnabled")
                                && !f.name().equals("attributes"))
                        .map(f -> new Schema.Field(f, f.schema()))
                        .toList());
        int olderId = registry.register("eval.checkpoints-value", older);
        GenericRecord written = new GenericData.Record(older);
        written.put("model", "m");
        written.put("checkpoint", "c1");
        written.put("backend", "openai");
        written.put("registeredAt", 1_000L);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(olderId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(written, encoder);
        encoder.flush();

        Checkpoint read = topics.topic(Topics.CHECKPOINTS).valueSerde().deserializer()
                .deserialize("eval.checkpoints", out.toByteArray());
        assertEquals("c1", read.getCheckpoint());
        assertEquals(0, read.getSuites().size());
        assertTrue(read.getRemedyEnabled());
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsARegistryFailure() {
        Serde<Completion> lookupOnly = new RegistryAvroSerdes(new InMemorySchemaRegistryClient("empty"), false)
                .serde(Completion.class, false);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> lookupOnly.serializer().serialize("eval.completions", ContractSamples.completion()));
        assertEquals(WireFormatException.Problem.REGISTRY_FAILURE, e.problem());
        assertFalse(e.isTransient(), "a refusal is not asked again");
        assertTrue(e.getMessage().contains("eval.completions-value"), e.getMessage());
    }

    @Test
    void anUnreachableRegistryIsTransientNotTheRecordsFault() throws Exception {
        byte[] written = serialize(Topics.COMPLETIONS, ContractSamples.completion());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryAvroSerdes unreachable = new RegistryAvroSerdes(
                new RestSchemaRegistryClient("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2)), true);

        WireFormatException reading = assertThrows(WireFormatException.class, () -> unreachable
                .serde(Completion.class, false).deserializer().deserialize("eval.completions", written));
        WireFormatException writing = assertThrows(WireFormatException.class, () -> unreachable
                .serde(Completion.class, false).serializer().serialize("eval.completions", ContractSamples.completion()));

        assertEquals(WireFormatException.Problem.REGISTRY_UNAVAILABLE, reading.problem());
        assertTrue(reading.isTransient());
        assertEquals(WireFormatException.Problem.REGISTRY_UNAVAILABLE, writing.problem());
        assertTrue(writing.isTransient());
    }

    @Test
    void registryErrorsAreUnavailableOnlyWhenAskingAgainMaySucceed() {
        assertTrue(new SchemaRegistryException(SchemaRegistryException.STORE_ERROR, "down").isUnavailable());
        assertTrue(new SchemaRegistryException(503, "overloaded").isUnavailable());
        assertTrue(new SchemaRegistryException(429, "slow down").isUnavailable());
        assertFalse(new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "no id").isUnavailable());
        assertFalse(new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA, "no").isUnavailable());
        assertFalse(new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "bad").isUnavailable());
    }

    @Test
    void sameBytesFromTwoSerdesOfTheSameRegistry() {
        Topics other = new Topics(new RegistryAvroSerdes(registry, true));
        assertArrayEquals(serialize(Topics.QUERIES, ContractSamples.query()),
                other.topic(Topics.QUERIES).valueSerde().serializer().serialize("eval.queries", ContractSamples.query()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object roundTrip(Topic topic, SpecificRecord value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private byte[] serialize(TopicContract contract, SpecificRecord value) {
        Topic topic = topics.topic(contract);
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    @SuppressWarnings({"rawtypes"})
    private WireFormatException deserializeFails(TopicContract contract, byte[] bytes) {
        Topic topic = topics.topic(contract);
        return assertThrows(WireFormatException.class,
                () -> topic.valueSerde().deserializer().deserialize(topic.name(), bytes));
    }
}
