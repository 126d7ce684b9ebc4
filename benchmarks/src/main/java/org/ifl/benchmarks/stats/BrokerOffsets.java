package org.ifl.benchmarks.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * What the stats benchmark and the chaos run ask the broker's admin client: end offsets of topics, committed
 * offsets of a group, and an application's internal topics. A failed request is an {@link IllegalStateException}
 * that names it.
 */
public final class BrokerOffsets {
    private final Admin admin;

    public BrokerOffsets(Admin admin) {
        this.admin = admin;
    }

    /** The group's committed offsets; none before its first commit. */
    public Map<TopicPartition, Long> committed(String group) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new IllegalStateException("cannot read the committed offsets of " + group + ": "
                    + e.getCause(), e.getCause());
        }
    }

    /** The end offset of each partition of {@code topic}. */
    public Map<TopicPartition, Long> ends(String topic) throws InterruptedException {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /** The application's repartition and changelog topics. */
    public Set<String> internalTopics(String applicationId) throws InterruptedException {
        try {
            return admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId + "-")).collect(Collectors.toSet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause(), e.getCause());
        }
    }

    /** Removes {@code topics}; the caller decides whether a failure matters. */
    void delete(Set<String> topics) throws InterruptedException, ExecutionException {
        admin.deleteTopics(topics).all().get();
    }

    /** The offsets summed: records in all the partitions. */
    public static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
