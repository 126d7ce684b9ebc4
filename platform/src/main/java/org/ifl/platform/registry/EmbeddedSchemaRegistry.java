package org.ifl.platform.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ifl.schemas.registry.CompatibilityLevel;
import org.ifl.schemas.registry.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent REST API over HTTP, inside this JVM, with its schemas kept in a
 * compacted Kafka topic: restarted against the same cluster it answers with the same ids.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final KafkaSchemaJournal journal;
    private final String host;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, KafkaSchemaJournal journal,
            String host) {
        this.server = server;
        this.executor = executor;
        this.journal = journal;
        this.host = host;
    }

    /** Starts on {@code host:port} (port 0 picks a free one), first replaying the schemas in {@code topic}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, String host, int port) {
        KafkaSchemaJournal journal = new KafkaSchemaJournal(bootstrapServers, topic);
        try {
            SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD, journal);
            int replayed = journal.replayInto(store);
            EmbeddedSchemaRegistry registry = serve(store, journal, host, port);
            LOG.info("Schema registry ready at {} ({} records replayed from {})", registry.url(), replayed, topic);
            return registry;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** Serves {@code store} as it is, keeping nothing beyond this process: for tests of the REST API. */
    public static EmbeddedSchemaRegistry serve(SchemaStore store, String host, int port) {
        return serve(store, null, host, port);
    }

    private static EmbeddedSchemaRegistry serve(SchemaStore store, KafkaSchemaJournal journal, String host, int port) {
        SchemaRegistryApi api = new SchemaRegistryApi(store);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> serve(api, exchange));
            server.start();
            return new EmbeddedSchemaRegistry(server, executor, journal, host);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the schema registry on " + host + ":" + port + ": " + e, e);
        }
    }

    private static void serve(SchemaRegistryApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            SchemaRegistryApi.Response response = api.handle(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), body);
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public String url() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }
}
