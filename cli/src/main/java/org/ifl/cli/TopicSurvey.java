package org.ifl.cli;

import org.ifl.platform.CauseChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/** Reads the topics of a cluster through the Admin API: partitions, cleanup policy and offset ranges. */
final class TopicSurvey {
    /** Kafka's own topics (__consumer_offsets, __transaction_state, ...) start with this. */
    static final String KAFKA_INTERNAL_PREFIX = "__";

    private final Admin admin;
    private final Duration timeout;

    TopicSurvey(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Every topic, sorted by name; Kafka's own {@code __} topics only if {@code includeKafkaInternal}. */
    List<TopicSummary> topics(boolean includeKafkaInternal) throws InterruptedException, TimeoutException {
        Set<String> names = new TreeSet<>(await(admin.listTopics(new ListTopicsOptions().listInternal(true)
                .timeoutMs((int) timeout.toMillis())).names()));
        if (!includeKafkaInternal) {
            names.removeIf(name -> name.startsWith(KAFKA_INTERNAL_PREFIX));
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames());
        Map<String, String> cleanupPolicies = cleanupPolicies(names);
        Map<TopicPartition, Long> spans = offsetSpans(descriptions.values());
        Map<String, Integer> registry = Topics.ALL.stream()
                .collect(Collectors.toMap(TopicContract::name, c -> c.spec().partitions()));

        List<TopicSummary> topics = new ArrayList<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            long span = spans.entrySet().stream().filter(e -> e.getKey().topic().equals(name))
                    .mapToLong(Map.Entry::getValue).sum();
            topics.add(new TopicSummary(name, description.partitions().size(),
                    cleanupPolicies.getOrDefault(name, "?"), span, OptionalLong.empty(),
                    registry.getOrDefault(name, 0)));
        }
        return topics;
    }

    private Map<String, String> cleanupPolicies(Set<String> names) throws InterruptedException, TimeoutException {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        Map<String, String> policies = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            policies.put(resource.name(), entry == null || entry.value() == null ? "?" : entry.value());
        });
        return policies;
    }

    /** End offset minus beginning offset of every partition. */
    private Map<TopicPartition, Long> offsetSpans(Iterable<TopicDescription> descriptions)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : descriptions) {
            d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            });
        }
        Map<TopicPartition, ListOffsetsResultInfo> begins = await(admin.listOffsets(earliest).all());
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all());
        Map<TopicPartition, Long> spans = new HashMap<>();
        ends.forEach((tp, end) -> spans.put(tp, Math.max(0, end.offset() - begins.get(tp).offset())));
        return spans;
    }

    private <T> T await(KafkaFuture<T> future) throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TimeoutException(e.getCause().getMessage());
            }
            throw new CommandFailure("the cluster refused: " + CauseChain.describe(e.getCause()), e.getCause());
        }
    }
}
