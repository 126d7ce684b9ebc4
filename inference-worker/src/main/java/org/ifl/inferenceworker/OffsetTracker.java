package org.ifl.inferenceworker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets are finished, so that a commit never passes a record whose completion is not yet
 * acknowledged (at-least-once). Per partition: the offsets received and not yet done, and the highest received.
 * The committable position is the lowest outstanding offset, or one past the highest received when none is
 * outstanding. Thread-safe: offsets are marked done from the producer's callback thread.
 */
final class OffsetTracker {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    synchronized void received(TopicPartition partition, long offset) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
        p.outstanding.add(offset);
        p.highest = Math.max(p.highest, offset);
    }

    synchronized void done(TopicPartition partition, long offset) {
        Partition p = partitions.get(partition);
        if (p != null) {
            p.outstanding.remove(offset);
        }
    }

    /** The positions to commit that moved since the last call (each partition's committable position). */
    synchronized Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((partition, p) -> {
            long position = p.outstanding.isEmpty() ? p.highest + 1 : p.outstanding.first();
            if (position > p.committed) {
                out.put(partition, new OffsetAndMetadata(position));
                p.committed = position;
            }
        });
        return out;
    }

    /** Offsets received and not done on {@code which}. */
    synchronized int outstanding(Collection<TopicPartition> which) {
        int n = 0;
        for (TopicPartition partition : which) {
            Partition p = partitions.get(partition);
            n += p == null ? 0 : p.outstanding.size();
        }
        return n;
    }

    synchronized int outstanding() {
        return outstanding(partitions.keySet());
    }

    /** Forgets partitions the consumer no longer owns. */
    synchronized void forget(Collection<TopicPartition> which) {
        which.forEach(partitions::remove);
    }

    private static final class Partition {
        final TreeSet<Long> outstanding = new TreeSet<>();
        long highest = -1;
        long committed = -1;
    }
}
