package org.ifl.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.producers.AnnotationSheets;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;

/**
 * The answers stats-stream counts, as eval.labeled holds them: the first answer to each arm of each item (a
 * completion delivered again, or a second answer to an arm, is a repeat stats-stream ignores, and so is it here),
 * in the topic's order.
 */
final class LabeledAnswers {
    static final Duration STALL = Duration.ofSeconds(30);

    private final Map<String, LabeledCompletion> byId = new LinkedHashMap<>();
    private final Set<String> armsAnswered = new HashSet<>();
    private final Predicate<LabeledCompletion> wanted;

    LabeledAnswers(Predicate<LabeledCompletion> wanted) {
        this.wanted = wanted;
    }

    /** The wanted answers now on eval.labeled. */
    static LabeledAnswers read(ClusterAccess cluster, Predicate<LabeledCompletion> wanted, String clientId) {
        LabeledAnswers answers = new LabeledAnswers(wanted);
        try (TopicScan<LabeledCompletion> scan = new TopicScan<>(cluster, Topics.LABELED, clientId, STALL)) {
            scan.toEnd(answers::offer);
        }
        return answers;
    }

    /** The answers a sheet's rows name, now on eval.labeled (an id not there is absent: the rows say so). */
    static LabeledAnswers ofSheet(ClusterAccess cluster, List<AnnotationSheets.Line> lines, String clientId) {
        Set<String> ids = lines.stream().map(l -> l.row().completionId()).collect(Collectors.toSet());
        return read(cluster, a -> ids.contains(a.getCompletion().getCompletionId()), clientId);
    }

    /** Takes the record's answer if it is wanted and counted; returns it then, else null. */
    LabeledCompletion offer(ConsumerRecord<String, LabeledCompletion> record) {
        LabeledCompletion answer = record.value();
        Completion c = answer.getCompletion();
        if (!wanted.test(answer) || byId.containsKey(c.getCompletionId())
                || !armsAnswered.add(RecordKey.pair(c.getPair()) + "|" + c.getCondition().getArm())) {
            return null;
        }
        byId.put(c.getCompletionId(), answer);
        return answer;
    }

    Map<String, LabeledCompletion> byId() {
        return byId;
    }

    LabeledCompletion get(String completionId) {
        return byId.get(completionId);
    }
}
