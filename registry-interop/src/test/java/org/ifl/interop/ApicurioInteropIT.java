package org.ifl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.registry.RegisteredSchema;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryClients;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.serde.WireFormatException;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's schema-registry client and Avro serdes against Apicurio Registry's Confluent-compatible API: a
 * registry the project did not write. Every topic contract is written by one client and read back by another
 * that has never seen its schemas, the lookups answer as the serdes and tools expect, and Apicurio's refusals
 * reach the caller as the project's own errors.
 */
class ApicurioInteropIT {
    private static ApicurioServer apicurio;
    private static String url;

    @BeforeAll
    static void startApicurio() throws Exception {
        apicurio = ApicurioServer.start(Path.of(System.getProperty("ifl.apicurio.runner")),
                Path.of(System.getProperty("ifl.apicurio.log")));
        url = apicurio.confluentApiUrl();
    }

    @AfterAll
    static void stopApicurio() throws Exception {
        if (apicurio != null) {
            apicurio.close();
        }
    }

    @Test
    void everyTopicContractIsWrittenAndReadBackThroughApicurio() {
        Topics producing = new Topics(RegistryAvroSerdes.forUrl(url));
        // Cold caches, lookup only: every writer schema the reader needs comes from Apicurio by id.
        Topics consuming = new Topics(new RegistryAvroSerdes(new RestSchemaRegistryClient(url), false));
        for (TopicContract<?, ?> contract : Topics.ALL) {
            ContractSamples.Sample sample = ContractSamples.of(contract);
            Topic<?, ?> writer = producing.topic(contract);
            Topic<?, ?> reader = consuming.topic(contract);
            byte[] key = serialize(writer.keySerde(), contract.name(), sample.key());
            byte[] value = serialize(writer.valueSerde(), contract.name(), sample.value());
            assertEquals(sample.key(), reader.keySerde().deserializer().deserialize(contract.name(), key),
                    contract.name() + " key");
            assertEquals(sample.value(), reader.valueSerde().deserializer().deserialize(contract.name(), value),
                    contract.name() + " value");
        }
        // Subjects follow the topic-name strategy; a plain string key (every topic's today) has no schema.
        List<String> subjects = new RestSchemaRegistryClient(url).subjects();
        for (TopicContract<?, ?> contract : Topics.ALL) {
            assertTrue(subjects.contains(contract.name() + "-value"), contract.name() + " in " + subjects);
            assertEquals(SpecificRecord.class.isAssignableFrom(contract.keyType()),
                    subjects.contains(contract.name() + "-key"), contract.name() + " in " + subjects);
        }
    }

    @Test
    void lookupsAnswerForEveryRegisteredSubject() {
        SchemaRegistryClient writer = SchemaRegistryClients.forUrl(url);
        List<String> expectedSubjects = new ArrayList<>();
        for (TopicContract<?, ?> contract : Topics.ALL) {
            for (Subject subject : subjectsOf(contract)) {
                int id = writer.register(subject.name(), subject.schema());
                expectedSubjects.add(subject.name());
                SchemaRegistryClient fresh = new RestSchemaRegistryClient(url);
                assertEquals(id, fresh.idOf(subject.name(), subject.schema()), subject.name());
                assertEquals(id, fresh.register(subject.name(), subject.schema()),
                        subject.name() + ": registering it again finds it");
                assertEquals(List.of(1), fresh.versions(subject.name()), subject.name());
                RegisteredSchema latest = fresh.latest(subject.name());
                assertEquals(new RegisteredSchema(subject.name(), 1, id, latest.schema()), latest);
                assertEquals(subject.schema(), new Schema.Parser().parse(latest.schema()), subject.name());
                assertEquals(subject.schema(), fresh.schemaById(id), subject.name());
            }
        }
        List<String> subjects = new RestSchemaRegistryClient(url).subjects();
        assertTrue(subjects.containsAll(expectedSubjects), "subjects " + subjects + " lack some of " + expectedSubjects);
    }

    @Test
    void underBackwardACompatibleNewVersionIsAddedAndAnIncompatibleOneRefusedNamingTheSubject() throws Exception {
        String subject = "interop.alerts-value";
        SchemaRegistryClient client = new RestSchemaRegistryClient(url);
        int first = client.register(subject, Alert.getClassSchema());
        setCompatibility(subject, "BACKWARD");

        Schema compatible = record(Alert.getClassSchema(), with(fields(Alert.getClassSchema()), new Schema.Field(
                "note", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null, Schema.Field.NULL_DEFAULT_VALUE)));
        int second = client.register(subject, compatible);
        assertNotEquals(first, second);
        assertEquals(List.of(1, 2), client.versions(subject));
        assertEquals(new RegisteredSchema(subject, 2, second, client.latest(subject).schema()), client.latest(subject));

        // A required field without a default: the new schema cannot read what the earlier versions wrote.
        Schema incompatible = record(Alert.getClassSchema(), with(fields(Alert.getClassSchema()),
                new Schema.Field("severity", Schema.create(Schema.Type.STRING))));
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client.register(subject, incompatible));
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, refused.errorCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains(subject), refused.getMessage());
        assertFalse(refused.isUnavailable());
        assertEquals(List.of(1, 2), client.versions(subject), "the refused schema is not a version");
    }

    @Test
    void aSerializerWhoseSchemaIsRefusedSaysSoNamingTheSubject() throws Exception {
        // Version 1 lacks alertId, which the generated Alert requires: Alert cannot read what version 1 wrote.
        String topic = "interop.refused-alerts";
        String subject = topic + "-value";
        List<Schema.Field> withoutId = fields(Alert.getClassSchema());
        withoutId.removeIf(field -> field.name().equals("alertId"));
        SchemaRegistryClient client = new RestSchemaRegistryClient(url);
        client.register(subject, record(Alert.getClassSchema(), withoutId));
        setCompatibility(subject, "BACKWARD");

        var serializer = new RegistryAvroSerdes(client, true).serde(Alert.class, false).serializer();
        WireFormatException refused = assertThrows(WireFormatException.class,
                () -> serializer.serialize(topic, ContractSamples.alert()));
        assertEquals(WireFormatException.Problem.REGISTRY_FAILURE, refused.problem(), refused.getMessage());
        assertFalse(refused.isTransient());
        assertTrue(refused.getMessage().contains("under subject " + subject + " at " + url), refused.getMessage());
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                ((SchemaRegistryException) refused.getCause()).errorCode());
    }

    @Test
    void anIdApicurioDoesNotKnowIsNamedByTheDeserializer() {
        SchemaRegistryException noSchema = assertThrows(SchemaRegistryException.class,
                () -> new RestSchemaRegistryClient(url).schemaById(987_654));
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, noSchema.errorCode(), noSchema.getMessage());

        Topic<String, Checkpoint> checkpoints = new Topics(RegistryAvroSerdes.forUrl(url)).topic(Topics.CHECKPOINTS);
        byte[] bytes = checkpoints.valueSerde().serializer().serialize(checkpoints.name(), ContractSamples.checkpoint());
        ByteBuffer.wrap(bytes, 1, 4).putInt(987_654);
        var reader = new RegistryAvroSerdes(new RestSchemaRegistryClient(url), false).serde(Checkpoint.class, false);
        WireFormatException unknownId = assertThrows(WireFormatException.class,
                () -> reader.deserializer().deserialize(checkpoints.name(), bytes));
        assertEquals(WireFormatException.Problem.UNKNOWN_SCHEMA_ID, unknownId.problem(), unknownId.getMessage());
        assertTrue(unknownId.getMessage().contains("987654") && unknownId.getMessage().contains(url),
                unknownId.getMessage());
    }

    /**
     * Where Apicurio's answers differ from Confluent's, pinned so that a change on either side shows: each is
     * still a not-found the client reports as such, only the code under 404 differs.
     */
    @Test
    void whereApicurioAnswersDifferentlyTheClientStillReportsANotFound() throws Exception {
        SchemaRegistryClient client = new RestSchemaRegistryClient(url);
        SchemaRegistryException noSubject = assertThrows(SchemaRegistryException.class,
                () -> client.versions("interop.absent-value"));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, noSubject.errorCode(), noSubject.getMessage());

        // Confluent: 40401 (subject not found). Apicurio: 40402, no version "latest".
        SchemaRegistryException noLatest = assertThrows(SchemaRegistryException.class,
                () -> client.latest("interop.absent-value"));
        assertEquals(SchemaRegistryException.VERSION_NOT_FOUND, noLatest.errorCode(), noLatest.getMessage());
        assertTrue(noLatest.isNotFound());

        // Confluent: 40403 (schema not found under a known subject). Apicurio: 40401, as if the subject were absent.
        String subject = "interop.lookup-value";
        client.register(subject, Checkpoint.getClassSchema());
        SchemaRegistryException notUnderIt = assertThrows(SchemaRegistryException.class,
                () -> client.idOf(subject, Alert.getClassSchema()));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, notUnderIt.errorCode(), notUnderIt.getMessage());
        assertTrue(notUnderIt.isNotFound());

        // Confluent's default level is BACKWARD; Apicurio starts with none, so a deployment must set one.
        assertEquals("{\"compatibilityLevel\":\"NONE\"}", get("/config"));
    }

    /** A subject a contract's serdes register: its value's, and its key's where the key is an Avro record. */
    private record Subject(String name, Schema schema) {
    }

    private static List<Subject> subjectsOf(TopicContract<?, ?> contract) {
        List<Subject> subjects = new ArrayList<>();
        if (SpecificRecord.class.isAssignableFrom(contract.keyType())) {
            subjects.add(new Subject(contract.name() + "-key", SpecificData.get().getSchema(contract.keyType())));
        }
        subjects.add(new Subject(contract.name() + "-value", SpecificData.get().getSchema(contract.valueType())));
        return subjects;
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] serialize(org.apache.kafka.common.serialization.Serde<T> serde, String topic, Object data) {
        return serde.serializer().serialize(topic, (T) data);
    }

    /** Copies of {@code schema}'s fields, to build a variant of it from (a field belongs to one record only). */
    private static List<Schema.Field> fields(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return fields;
    }

    private static List<Schema.Field> with(List<Schema.Field> fields, Schema.Field added) {
        fields.add(added);
        return fields;
    }

    /** A record of {@code schema}'s full name with {@code fields}. */
    private static Schema record(Schema schema, List<Schema.Field> fields) {
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** Sets a subject's compatibility level through the Confluent API, which the project's client does not cover. */
    private static void setCompatibility(String subject, String level) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/config/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
