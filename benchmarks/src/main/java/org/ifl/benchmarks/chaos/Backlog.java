package org.ifl.benchmarks.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.ifl.benchmarks.stats.BrokerOffsets;
import org.ifl.lidstream.LidSettings;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsSettings;

/**
 * What the two stages have not processed yet: for each one's consumer group (its Streams application id), the
 * records between its committed offsets and the end of its input topics, the stats stage's repartition topic
 * included. Both stages commit inside their exactly-once transactions, so a committed offset at the end means
 * everything before it was processed and its results written.
 *
 * @param lid lid-stream's lag on eval.completions
 * @param stats stats-stream's lag on eval.labeled, eval.annotations and its repartition topics
 * @param ends the end offsets of all those topics summed: it stops moving once no stage writes any more
 */
record Backlog(long lid, long stats, long ends) {
    static final String LID_GROUP = new LidSettings().getApplicationId();
    static final String STATS_GROUP = new StatsSettings().getApplicationId();

    static Backlog of(BrokerOffsets offsets) throws InterruptedException {
        long[] lid = lag(offsets, LID_GROUP, List.of(Topics.COMPLETIONS.name()));
        List<String> statsInputs = new ArrayList<>(List.of(Topics.LABELED.name(), Topics.ANNOTATIONS.name()));
        offsets.internalTopics(STATS_GROUP).stream().filter(t -> t.endsWith("-repartition")).sorted()
                .forEach(statsInputs::add);
        long[] stats = lag(offsets, STATS_GROUP, statsInputs);
        return new Backlog(lid[0], stats[0], lid[1] + stats[1]);
    }

    boolean empty() {
        return lid == 0 && stats == 0;
    }

    /** {lag, end offsets summed} of {@code group} over {@code topics}; a partition never committed counts from 0. */
    private static long[] lag(BrokerOffsets offsets, String group, List<String> topics) throws InterruptedException {
        Map<TopicPartition, Long> committed = offsets.committed(group);
        long lag = 0;
        long ends = 0;
        for (String topic : topics) {
            for (Map.Entry<TopicPartition, Long> end : offsets.ends(topic).entrySet()) {
                lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
                ends += end.getValue();
            }
        }
        return new long[] {lag, ends};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lag: lid-stream %,d, stats-stream %,d", lid, stats);
    }
}
