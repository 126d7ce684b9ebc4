package org.ifl.cli;

import java.util.OptionalLong;

/**
 * One topic as a cluster describes it.
 *
 * @param offsetSpan end offset minus beginning offset, summed over partitions: records, plus the offsets that
 *        transaction markers and aborted records take
 * @param records records a read_committed consumer reads, where they were counted ({@code --exact})
 * @param registryPartitions the partitions the ifl topic registry asks for; 0 if the topic is not in it
 */
record TopicSummary(
        String name,
        int partitions,
        String cleanupPolicy,
        long offsetSpan,
        OptionalLong records,
        int registryPartitions) {

    boolean inRegistry() {
        return registryPartitions > 0;
    }

    TopicSummary withRecords(long count) {
        return new TopicSummary(name, partitions, cleanupPolicy, offsetSpan, OptionalLong.of(count),
                registryPartitions);
    }
}
