package org.ifl.platform.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.ifl.schemas.topic.TopicContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the topic registry that a cluster lacks, with their partition counts and configs,
 * checks that those it already has agree on partition count (a co-partitioned topic with another count
 * would silently break joins), and sets their timestamp type where it differs from the registry's.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final String TIMESTAMP_TYPE = TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG;
    private static final long LEADERS_WAIT_MS = 30_000;
    private final Admin admin;
    private final short replicationFactor;
    private final Map<String, String> clusterConfigs;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this(admin, replicationFactor, Map.of());
    }

    /**
     * @param clusterConfigs configs every topic it creates gets besides the registry's, those that depend on the
     *                       cluster rather than the contract (e.g. {@code min.insync.replicas})
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Map<String, String> clusterConfigs) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.clusterConfigs = Map.copyOf(clusterConfigs);
    }

    /** Creates the registry's missing topics and checks the others; returns the names it created. */
    public List<String> ensure(Collection<TopicContract<?, ?>> contracts) {
        List<String> created = createMissing(contracts.stream()
                .map(c -> new NewTopic(c.name(), c.spec().partitions(), replicationFactor).configs(configs(c)))
                .toList());
        try {
            checkPartitionCounts(contracts);
            alignTimestampTypes(contracts, created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topics: " + e.getCause().getMessage(), e.getCause());
        }
        return created;
    }

    private Map<String, String> configs(TopicContract<?, ?> contract) {
        Map<String, String> configs = new LinkedHashMap<>(clusterConfigs);
        configs.putAll(contract.spec().configs());
        return configs;
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

    /**
     * Sets {@code message.timestamp.type} on the topics made before the registry named it: a topic that keeps
     * replayed records by their event time would delete a replay of an old run within minutes.
     */
    private void alignTimestampTypes(Collection<TopicContract<?, ?>> contracts, List<String> created)
            throws InterruptedException, ExecutionException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (TopicContract<?, ?> contract : contracts) {
            String type = contract.spec().configs().get(TIMESTAMP_TYPE);
            if (type != null && !created.contains(contract.name())) {
                wanted.put(contract.name(), type);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> actual = admin.describeConfigs(wanted.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        actual.forEach((resource, config) -> {
            String type = wanted.get(resource.name());
            ConfigEntry entry = config.get(TIMESTAMP_TYPE);
            if (entry != null && !type.equals(entry.value())) {
                LOG.info("{}: {} was {}, now {}", resource.name(), TIMESTAMP_TYPE, entry.value(), type);
                changes.put(resource, List.of(new AlterConfigOp(new ConfigEntry(TIMESTAMP_TYPE, type),
                        AlterConfigOp.OpType.SET)));
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
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
