package org.ifl.platform.service.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.ifl.platform.CauseChain;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.schemas.registry.RegistryAccess;

/**
 * Whether the broker ({@code describeCluster}) and the schema registry ({@code GET /subjects}, which every
 * Confluent-compatible registry serves) answer within a short timeout. An answer is reused for a while, so that a
 * health probe every second costs the broker and the registry one request each per period; a question still in
 * flight is shared too.
 */
final class Reachability implements AutoCloseable {

    /** @param details what the health entry shows about the broker or the registry */
    record Answer(boolean reachable, Map<String, Object> details) {
    }

    private final ClusterAccess cluster;
    private final String bootstrapServers;
    private final String clientId;
    private final String registryUrl;
    private final Optional<String> registryAuthorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Cached broker;
    private final Cached registry;
    private Admin admin;
    private boolean closed;

    /**
     * @param timeout how long to wait for an answer
     * @param reuse   how long an answer stands
     */
    Reachability(ClusterAccess cluster, String clientId, Duration timeout, Duration reuse) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        String registryUrl = cluster.registryUrl();
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1)
                : registryUrl;
        RegistryAccess access = cluster.client().registryAccess();
        this.registryAuthorization = access.authorization();
        this.clientId = clientId;
        this.timeout = timeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        access.sslContext().ifPresent(http::sslContext);
        this.http = http.build();
        this.broker = new Cached(this::askBroker, reuse);
        this.registry = new Cached(this::askRegistry, reuse);
    }

    CompletableFuture<Answer> broker() {
        return broker.get();
    }

    CompletableFuture<Answer> registry() {
        return registry.get();
    }

    private CompletableFuture<Answer> askBroker() {
        DescribeClusterResult cluster;
        try {
            cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unreachable("bootstrapServers", bootstrapServers, e));
        }
        return cluster.clusterId().toCompletionStage().toCompletableFuture()
                .thenCombine(cluster.nodes().toCompletionStage(), (id, nodes) -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("bootstrapServers", bootstrapServers);
                    details.put("clusterId", id);
                    details.put("nodes", nodes.size());
                    return new Answer(true, details);
                })
                .exceptionally(e -> unreachable("bootstrapServers", bootstrapServers, e));
    }

    private CompletableFuture<Answer> askRegistry() {
        HttpRequest request;
        try {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).timeout(timeout).GET();
            registryAuthorization.ifPresent(credentials -> get.header("Authorization", credentials));
            request = get.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unreachable("url", registryUrl, e));
        }
        return http.sendAsync(request, BodyHandlers.discarding())
                .thenApply(response -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("url", registryUrl);
                    if (response.statusCode() != 200) {
                        details.put("error", "GET /subjects answered " + response.statusCode());
                    }
                    return new Answer(response.statusCode() == 200, details);
                })
                .exceptionally(e -> unreachable("url", registryUrl, e));
    }

    private static Answer unreachable(String addressKey, String address, Throwable failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(addressKey, address);
        details.put("error", CauseChain.describe(failure));
        return new Answer(false, details);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (admin == null) {
            int millis = (int) timeout.toMillis();
            Map<String, Object> config = cluster.kafkaConfig();
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The last answer, asked again once it is older than {@code reuse}. */
    private static final class Cached {
        private final Supplier<CompletableFuture<Answer>> ask;
        private final long reuseNanos;
        private CompletableFuture<Answer> answer;
        private long askedAt;

        Cached(Supplier<CompletableFuture<Answer>> ask, Duration reuse) {
            this.ask = ask;
            this.reuseNanos = reuse.toNanos();
        }

        synchronized CompletableFuture<Answer> get() {
            long now = System.nanoTime();
            if (answer == null || now - askedAt >= reuseNanos) {
                answer = ask.get();
                askedAt = now;
            }
            return answer;
        }
    }
}
