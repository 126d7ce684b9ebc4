package org.ifl.platform.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.CommonClientConfigs;
import org.ifl.schemas.registry.CompatibilityLevel;
import org.ifl.schemas.registry.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent REST API over HTTP or HTTPS, inside this JVM, with its schemas kept in a
 * compacted Kafka topic: restarted against the same cluster it answers with the same ids. A {@link RegistryGuard}
 * decides who may register new schemas and change compatibility, and whether reading needs credentials.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final KafkaSchemaJournal journal;
    private final Listener listener;

    /**
     * Where the registry listens.
     *
     * @param port 0 picks a free one
     * @param tls  the server's key and certificate for HTTPS, or null for plain HTTP
     */
    public record Listener(String host, int port, SSLContext tls) {
        public static Listener http(String host, int port) {
            return new Listener(host, port, null);
        }
    }

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, KafkaSchemaJournal journal,
            Listener listener) {
        this.server = server;
        this.executor = executor;
        this.journal = journal;
        this.listener = listener;
    }

    /** Plain HTTP on {@code host:port}, open to every writer: for tests. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, String host, int port) {
        return start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic,
                Listener.http(host, port), RegistryGuard.OPEN);
    }

    /**
     * Starts on {@code listener}, first replaying the schemas in {@code topic}.
     *
     * @param kafkaConfig the journal's client settings: bootstrap servers, and security settings of a secured cluster
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaConfig, String topic, Listener listener,
            RegistryGuard guard) {
        KafkaSchemaJournal journal = new KafkaSchemaJournal(kafkaConfig, topic);
        try {
            SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD, journal);
            int replayed = journal.replayInto(store);
            EmbeddedSchemaRegistry registry = serve(store, journal, listener, guard);
            LOG.info("Schema registry ready at {} ({} records replayed from {}; {})", registry.url(), replayed, topic,
                    guard);
            return registry;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** Serves {@code store} as it is, keeping nothing beyond this process: for tests of the REST API. */
    public static EmbeddedSchemaRegistry serve(SchemaStore store, String host, int port) {
        return serve(store, null, Listener.http(host, port), RegistryGuard.OPEN);
    }

    /** As {@link #serve(SchemaStore, String, int)}, on {@code listener} and behind {@code guard}. */
    public static EmbeddedSchemaRegistry serve(SchemaStore store, Listener listener, RegistryGuard guard) {
        return serve(store, null, listener, guard);
    }

    private static EmbeddedSchemaRegistry serve(SchemaStore store, KafkaSchemaJournal journal, Listener listener,
            RegistryGuard guard) {
        SchemaRegistryApi api = new SchemaRegistryApi(store);
        String host = listener.host();
        int port = listener.port();
        try {
            HttpServer server;
            if (listener.tls() == null) {
                server = HttpServer.create(new InetSocketAddress(host, port), 0);
            } else {
                HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 0);
                https.setHttpsConfigurator(new HttpsConfigurator(listener.tls()));
                server = https;
            }
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> serve(api, guard, exchange));
            server.start();
            return new EmbeddedSchemaRegistry(server, executor, journal, listener);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the schema registry on " + host + ":" + port + ": " + e, e);
        }
    }

    private static void serve(SchemaRegistryApi api, RegistryGuard guard, HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            RegistryGuard.Caller caller = guard.identify(exchange.getRequestHeaders().getFirst("Authorization"));
            SchemaRegistryApi.Response response;
            if (caller == RegistryGuard.Caller.REFUSED
                    || caller == RegistryGuard.Caller.ANONYMOUS && guard.readsNeedCredentials()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ifl schema registry\"");
                response = SchemaRegistryApi.unauthorized(caller == RegistryGuard.Caller.REFUSED
                        ? "the credentials sent do not match" : "this registry needs credentials");
            } else {
                response = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body,
                        caller == RegistryGuard.Caller.WRITER);
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public String url() {
        return (listener.tls() == null ? "http://" : "https://") + listener.host() + ":" + server.getAddress().getPort();
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
