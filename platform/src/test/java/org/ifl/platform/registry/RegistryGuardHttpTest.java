package org.ifl.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.ifl.platform.tls.TlsMaterial;
import org.ifl.schemas.registry.RegistryAccess;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.registry.SchemaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry behind its {@link RegistryGuard}, over real HTTP and HTTPS, through the project's REST client: with a
 * write token anyone reads and re-registers what is there, only the token's holder registers anything new or changes
 * the compatibility level; with basic authentication every request needs the user and password.
 */
class RegistryGuardHttpTest {
    private static final Schema V1 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    private static final Schema V2 = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"b\",\"type\":\"int\",\"default\":1}]}");
    private static final String TOKEN = "token-5b7a";
    private static final String PASSWORD = "password-c40e";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EmbeddedSchemaRegistry server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RestSchemaRegistryClient client(RegistryAccess access) {
        return new RestSchemaRegistryClient(server.url(), TIMEOUT, access);
    }

    @Test
    void withAWriteTokenAnyoneReadsButOnlyTheTokensHolderRegistersNewSchemas() throws Exception {
        server = EmbeddedSchemaRegistry.serve(SchemaStore.inMemory(), EmbeddedSchemaRegistry.Listener.http(
                "127.0.0.1", 0), RegistryGuard.writeToken(TOKEN));
        RestSchemaRegistryClient writer = client(RegistryAccess.bearer(TOKEN));
        RestSchemaRegistryClient anonymous = client(RegistryAccess.NONE);

        int id = writer.register("a-value", V1);
        assertEquals(List.of("a-value"), anonymous.subjects(), "reads are open");
        assertEquals(V1, anonymous.schemaById(id));
        assertEquals(id, anonymous.register("a-value", V1), "re-registering what is there answers its id");

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> anonymous.register("a-value", V2));
        assertEquals(SchemaRegistryApi.FORBIDDEN, refused.errorCode());
        assertEquals(403, refused.httpStatus());
        assertEquals(List.of(1), writer.versions("a-value"), "nothing new registered");
        assertEquals(403, send("PUT", "/config", "{\"compatibility\":\"NONE\"}", null).statusCode());
        assertEquals("{\"compatibilityLevel\":\"BACKWARD\"}", send("GET", "/config", null, null).body());

        assertEquals(200, send("PUT", "/config", "{\"compatibility\":\"NONE\"}", "Bearer " + TOKEN).statusCode());
        assertEquals(2, writer.register("a-value", V2), "the token's holder registers new schemas");

        HttpResponse<String> wrong = send("GET", "/subjects", null, "Bearer not-" + TOKEN);
        assertEquals(401, wrong.statusCode(), "a wrong token is refused, not taken as anonymous");
        SchemaRegistryException wrongRegister = assertThrows(SchemaRegistryException.class,
                () -> client(RegistryAccess.bearer("not-" + TOKEN)).register("b-value", V1));
        assertEquals(401, wrongRegister.httpStatus());
    }

    @Test
    void withBasicAuthenticationEveryRequestNeedsTheUserAndPassword() throws Exception {
        server = EmbeddedSchemaRegistry.serve(SchemaStore.inMemory(), EmbeddedSchemaRegistry.Listener.http(
                "127.0.0.1", 0), RegistryGuard.basicAuth("ifl", PASSWORD));
        RestSchemaRegistryClient user = client(RegistryAccess.basic("ifl", PASSWORD));
        int id = user.register("a-value", V1);
        assertEquals(V1, user.schemaById(id));
        assertEquals(List.of("a-value"), user.subjects());

        assertEquals(401, send("GET", "/subjects", null, null).statusCode(), "anonymous reads are refused");
        assertEquals(401, assertThrows(SchemaRegistryException.class,
                () -> client(RegistryAccess.NONE).schemaById(id)).httpStatus());
        assertEquals(401, assertThrows(SchemaRegistryException.class,
                () -> client(RegistryAccess.basic("ifl", "not-" + PASSWORD)).subjects()).httpStatus());
        assertEquals(401, assertThrows(SchemaRegistryException.class,
                () -> client(RegistryAccess.basic("other", PASSWORD)).subjects()).httpStatus(),
                "the password of another user name is refused");
    }

    @Test
    void overHttpsAClientTrustingTheTrustStoreWorksAndOneWithoutItIsRefused(@TempDir Path dir) {
        TlsMaterial tls = TlsMaterial.inDirectory(dir.resolve("tls"));
        server = EmbeddedSchemaRegistry.serve(SchemaStore.inMemory(), new EmbeddedSchemaRegistry.Listener(
                "127.0.0.1", 0, tls.serverContext()), RegistryGuard.basicAuth("ifl", PASSWORD));
        assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
        RestSchemaRegistryClient trusting = client(RegistryAccess.basic("ifl", PASSWORD)
                .trusting(tls.trustStore(), tls.trustStorePassword(), TlsMaterial.STORE_TYPE));
        int id = trusting.register("a-value", V1);
        assertEquals(V1, trusting.schemaById(id));

        SchemaRegistryException untrusted = assertThrows(SchemaRegistryException.class,
                () -> client(RegistryAccess.basic("ifl", PASSWORD)).subjects());
        assertTrue(untrusted.getMessage().contains(server.url()), untrusted.getMessage());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
