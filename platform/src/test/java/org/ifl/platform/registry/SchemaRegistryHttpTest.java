package org.ifl.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.avro.Schema;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.registry.SchemaStore;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.serde.WireFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's REST API through the project's REST client, over real HTTP (no Kafka: the store is in memory). */
class SchemaRegistryHttpTest {
    private static final Schema V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    private static final Schema V2 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":1}]}");
    private static final Schema BREAKING = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"c\",\"type\":\"int\"}]}");

    private final EmbeddedSchemaRegistry server = EmbeddedSchemaRegistry.serve(SchemaStore.inMemory(), "127.0.0.1", 0);
    private final RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersLooksUpAndListsLikeTheConfluentApi() {
        int id1 = client.register("topic a-value", V1);
        int id2 = client.register("topic a-value", V2);
        assertEquals(1, id1);
        assertEquals(2, id2);
        assertEquals(id1, client.register("other-value", V1));
        assertEquals(id2, client.idOf("topic a-value", V2));
        assertEquals(V2, client.schemaById(id2));
        assertEquals(List.of("other-value", "topic a-value"), client.subjects());
        assertEquals(List.of(1, 2), client.versions("topic a-value"));
        assertEquals(2, client.latest("topic a-value").version());
    }

    @Test
    void errorsComeBackWithTheirCodesAndMessages() {
        client.register("a-value", V1);
        SchemaRegistryException incompatible = assertThrows(SchemaRegistryException.class,
                () -> client.register("a-value", BREAKING));
        assertEquals(409, incompatible.errorCode());
        assertTrue(incompatible.getMessage().contains("incompatible"), incompatible.getMessage());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> client.schemaById(99)).errorCode());
        assertEquals(40401, assertThrows(SchemaRegistryException.class, () -> client.versions("nope")).errorCode());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> client.idOf("a-value", V2)).errorCode());
    }

    @Test
    void compatibilityConfigAndChecksAreServed() throws Exception {
        client.register("a-value", V1);
        assertEquals("{\"is_compatible\":true}", post("/compatibility/subjects/a-value/versions/latest",
                "{\"schema\":" + quote(V2.toString()) + "}"));
        assertTrue(post("/compatibility/subjects/a-value/versions/latest", "{\"schema\":" + quote(BREAKING.toString())
                + "}").startsWith("{\"is_compatible\":false"));
        assertEquals("{\"compatibility\":\"NONE\"}", send("PUT", "/config/a-value", "{\"compatibility\":\"NONE\"}"));
        assertEquals(2, client.register("a-value", BREAKING), "level NONE lets it in");
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", send("GET", "/config", null));
        assertTrue(post("/subjects/a-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}")
                .contains("42201"));
    }

    @Test
    void idsAreCachedBothWaysSoAKnownSchemaNeedsNoServer() {
        int id = client.register("a-value", V1);
        client.schemaById(id);
        server.close();
        assertEquals(id, client.register("a-value", V1));
        assertEquals(id, client.idOf("a-value", V1));
        assertEquals(V1, client.schemaById(id));
        SchemaRegistryException unreachable = assertThrows(SchemaRegistryException.class,
                () -> client.register("a-value", V2));
        assertTrue(unreachable.getMessage().contains("not reachable"), unreachable.getMessage());
    }

    @Test
    void anIdTheServerDoesNotKnowIsNamedByTheDeserializer() {
        var serde = new RegistryAvroSerdes(client, true).serde(Checkpoint.class, false);
        byte[] bytes = serde.serializer().serialize("eval.checkpoints", ContractSamples.checkpoint());
        java.nio.ByteBuffer.wrap(bytes, 1, 4).putInt(77);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> serde.deserializer().deserialize("eval.checkpoints", bytes));
        assertEquals(WireFormatException.Problem.UNKNOWN_SCHEMA_ID, e.problem());
        assertTrue(e.getMessage().contains(server.url()), e.getMessage());
    }

    private String post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private String send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String quote(String text) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(text).toString();
    }
}
