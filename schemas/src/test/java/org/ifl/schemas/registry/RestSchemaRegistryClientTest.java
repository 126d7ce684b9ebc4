package org.ifl.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the REST client reads a registry's error answers, served here as registries other than the project's word them. */
class RestSchemaRegistryClientTest {
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anErrorCodeThatDoesNotBelongToTheStatusGivesWayToIt() throws IOException {
        // Apicurio's Confluent API refuses an incompatible schema this way.
        SchemaRegistryException refused = registerAnswered(409,
                "{\"message\":\"Incompatible artifact: a-value [AVRO]\",\"error_code\":0}");
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, refused.errorCode());
        assertEquals(409, refused.httpStatus());
        assertTrue(refused.getMessage().contains("/subjects/a-value/versions answered 409: Incompatible artifact"),
                refused.getMessage());
        assertEquals(503, registerAnswered(503, "{\"error_code\":40401}").errorCode(), "a code of another status");
    }

    @Test
    void aConfluentErrorCodeIsKept() throws IOException {
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                registerAnswered(404, "{\"message\":\"Subject not found\",\"error_code\":40401}").errorCode());
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                registerAnswered(409, "{\"message\":\"incompatible\",\"error_code\":409}").errorCode());
    }

    @Test
    void anAnswerWithoutAnErrorCodeIsKnownByItsStatus() throws IOException {
        SchemaRegistryException failing = registerAnswered(502, "Bad Gateway");
        assertEquals(502, failing.errorCode());
        assertTrue(failing.isUnavailable());
        assertTrue(failing.getMessage().endsWith("answered 502: Bad Gateway"), failing.getMessage());
        SchemaRegistryException missing = registerAnswered(404, "");
        assertEquals(404, missing.errorCode());
        assertTrue(missing.isNotFound());
        assertFalse(missing.isUnavailable());
    }

    private SchemaRegistryException registerAnswered(int status, String body) throws IOException {
        if (server != null) {
            server.stop(0);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return assertThrows(SchemaRegistryException.class,
                () -> new RestSchemaRegistryClient(url).register("a-value", SCHEMA));
    }
}
