package org.ifl.platform.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.ifl.schemas.topic.TopicContract;

/**
 * Creates the topics of the topic registry that a cluster lacks, with their partition counts and configs,
 * and checks that those it already has agree on partition count (a co-partitioned topic with another count
 * would silently break joins).
 */
public final class TopicProvisioner {
    private static final long LEADERS_WAIT_MS = 30_000;
    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates the registry's missing topics and checks the others; returns the names it created. */
    public List<String> ensure(Collection<TopicContract<?, ?>> contracts) {
        List<String> created = createMissing(contracts.stream()
                .map(c -> new NewTopic(c.name(), c.spec().partitions(), replicationFactor).configs(c.spec().configs()))
                .toList());
        try {
            checkPartitionCounts(contracts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
        }
        return created;
    }

    /** Creates those of {@code topics} the cluster lacks (one created meanwhile by another client is fine). */
    public List<String> createMissing(List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void checkPartitionCounts(Collection<TopicContract<?, ?>> contracts)
            throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> descriptions = describeOnceLed(
                contracts.stream().map(TopicContract::name).collect(Collectors.toList()));
        List<String> mismatches = new ArrayList<>();
        for (TopicContract<?, ?> contract : contracts) {
            int actual = descriptions.get(contract.name()).partitions().size();
            if (actual != contract.spec().partitions()) {
                mismatches.add(contract.name() + " has " + actual + " partitions, the registry says "
                        + contract.spec().partitions());
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("topics disagree with the topic registry: " + String.join("; ", mismatches));
        }
    }

    /**
     * Describes the topics once every partition has a leader (at most {@value #LEADERS_WAIT_MS} ms): a topic just
     * created is not described, or not led, for a moment, and records sent to it then can be lost by a client
     * that does not wait for their acknowledgement.
     */
    private Map<String, TopicDescription> describeOnceLed(List<String> names)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + LEADERS_WAIT_MS * 1_000_000L;
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                boolean led = descriptions.values().stream().allMatch(t -> t.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led || System.nanoTime() > deadline) {
                    return descriptions;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }
}
