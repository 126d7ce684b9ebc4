package org.ifl.producers.internal.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.producers.ReplayLimits;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.registry.InMemorySchemaRegistryClient;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * The first pass of a replay, given each record as it is read: what the broker would refuse part-way through a
 * send is found here, before anything is sent. A record is checked for its size as the producer measures it
 * (key and value serialized as they will be, in a batch of one), for times within the limits, and for a
 * completion id another line already has. Memory stays bounded: of each record only a 64-bit hash of its
 * completion id is kept ({@link IdHashes}); two equal hashes are a possible duplicate, which {@link
 * #duplicates} confirms by reading the file again for those ids only.
 */
public final class ReplayCheck implements ReplaySink {
    /** Possible duplicates kept for confirmation; past this the file has problems enough to report. */
    static final int MAX_POSSIBLE_DUPLICATES = 4096;

    private final ReplayLimits limits;
    private final InputProblems problems;
    private final Serializer<String> keys;
    private final Serializer<Completion> values;
    private final String topic;
    private final IdHashes ids = new IdHashes();
    private final IdHashes possibleDuplicates = new IdHashes();
    private final List<Skipped> skipped = new ArrayList<>();
    private long records;
    private long skippedRows;
    private int largestRecord;
    private long largestRecordLine;

    public ReplayCheck(ReplayLimits limits, InputProblems problems) {
        this.limits = limits;
        this.problems = problems;
        // The real serializers over a registry of their own: the same bytes as a send, without a registry.
        Topic<String, Completion> completions = new Topics(new RegistryAvroSerdes(
                new InMemorySchemaRegistryClient("replay-check"), true)).topic(Topics.COMPLETIONS);
        this.keys = completions.keySerde().serializer();
        this.values = completions.valueSerde().serializer();
        this.topic = completions.name();
    }

    @Override
    public void completion(ReplayedCompletion replayed) {
        records++;
        Completion completion = replayed.completion();
        long line = replayed.origin().line();
        int bytes = recordBytes(keys.serialize(topic, RecordKey.cell(completion.getPair())).length,
                values.serialize(topic, completion).length);
        if (bytes > largestRecord) {
            largestRecord = bytes;
            largestRecordLine = line;
        }
        if (bytes > limits.recordBytes()) {
            Map.Entry<String, Integer> field = largestField(completion);
            problems.add(replayed.origin().problem(field.getKey(), String.format(Locale.ROOT,
                    "the record is %,d bytes, more than the %,d %s takes; %s is %,d bytes of it", bytes,
                    limits.recordBytes(), topic, field.getKey(), field.getValue())));
        }
        // queriedAt defaults to completedAt less the latency: one bad time is named once.
        if (checkTime(replayed, "completedAt", completion.getCompletedAt())) {
            checkTime(replayed, "queriedAt", completion.getQueriedAt());
        }
        long hash = IdHashes.hash(completion.getCompletionId());
        if (!ids.add(hash) && possibleDuplicates.size() < MAX_POSSIBLE_DUPLICATES) {
            possibleDuplicates.add(hash);
        }
    }

    @Override
    public void skipped(Skipped row) {
        skippedRows++;
        if (skipped.size() < InputProblems.LIMIT) {
            skipped.add(row);
        }
    }

    /** Completions read. */
    public long records() {
        return records;
    }

    /** Rows skipped, and the first {@value InputProblems#LIMIT} of them with their reasons. */
    public long skippedRows() {
        return skippedRows;
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** The size of the largest record, as the producer measures it, and its line. */
    public int largestRecord() {
        return largestRecord;
    }

    public long largestRecordLine() {
        return largestRecordLine;
    }

    /** True when two completion ids had the same hash: {@link #duplicates} must read the file again. */
    public boolean hasPossibleDuplicates() {
        return possibleDuplicates.size() > 0;
    }

    /**
     * A sink for a second read of the file that adds a problem for each completion id already read, naming the
     * line it was first read on. Only ids whose hash the check saw twice are held.
     */
    public ReplaySink duplicates() {
        Map<String, Long> firstLine = new HashMap<>();
        return new ReplaySink() {
            @Override
            public void completion(ReplayedCompletion replayed) {
                String id = replayed.completion().getCompletionId();
                if (possibleDuplicates.contains(IdHashes.hash(id))) {
                    Long first = firstLine.putIfAbsent(id, replayed.origin().line());
                    if (first != null) {
                        problems.add(replayed.origin().problem("completionId", "'" + id
                                + "' repeats the completion id of line " + first + ": the same query answered "
                                + "twice (in JSONL, give each answer its own completionId)"));
                    }
                }
            }

            @Override
            public void skipped(Skipped row) {
            }
        };
    }

    /** True when {@code time} is within the limits; else adds a problem naming it. */
    private boolean checkTime(ReplayedCompletion replayed, String field, Instant time) {
        if (time.isBefore(limits.earliest())) {
            problems.add(replayed.origin().problem(field, time + " is before " + limits.earliest()
                    + ", the earliest time accepted"));
            return false;
        }
        if (time.isAfter(limits.latest())) {
            problems.add(replayed.origin().problem(field, time + " is after " + limits.latest()
                    + ", the latest time accepted"));
            return false;
        }
        return true;
    }

    /** The field that weighs most in an oversized record, and its size in UTF-8 bytes. */
    private static Map.Entry<String, Integer> largestField(Completion c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", c.getText());
        fields.put("prompt", c.getPrompt());
        fields.put("referenceText", c.getReferences().getReferenceText());
        fields.put("error", c.getError() == null ? null : c.getError().getMessage());
        fields.put("answers", String.join("", c.getReferences().getAnswers()));
        fields.put("entities", c.getReferences().getEntities().toString());
        Map.Entry<String, Integer> largest = Map.entry("record", 0);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            int bytes = f.getValue() == null ? 0 : f.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > largest.getValue()) {
                largest = Map.entry(f.getKey(), bytes);
            }
        }
        return largest;
    }

    /**
     * The size the producer gives a record of these key and value sizes, and compares with its
     * {@code max.request.size}: a record batch's header (61 bytes) and the record, its variable-length fields
     * counted at their largest (Kafka's {@code AbstractRecords.estimateSizeInBytesUpperBound}).
     */
    static int recordBytes(int keyBytes, int valueBytes) {
        int batchHeader = 61;
        int lengthAttributesTimestampOffset = 5 + 1 + 10 + 5;
        int headerCount = 1;
        return batchHeader + lengthAttributesTimestampOffset + varintBytes(keyBytes) + keyBytes
                + varintBytes(valueBytes) + valueBytes + headerCount;
    }

    private static int varintBytes(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((zigzag & 0xFFFFFF80) != 0) {
            zigzag >>>= 7;
            bytes++;
        }
        return bytes;
    }

    /**
     * A set of 64-bit hashes of completion ids, open addressing in one long array at most 3/4 full: 11 to 21
     * bytes a record, whatever the ids' length.
     */
    static final class IdHashes {
        private long[] slots = new long[1 << 10];
        private int size;

        /** FNV-1a over the id's characters, then MurmurHash3's finaliser to spread the bits; never 0. */
        static long hash(String id) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < id.length(); i++) {
                h = (h ^ id.charAt(i)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }

        /** Adds {@code hash}; false when it was there already. */
        boolean add(long hash) {
            if (4L * (size + 1) > 3L * slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
                if (slots[i] == hash) {
                    return false;
                }
                if (slots[i] == 0) {
                    slots[i] = hash;
                    size++;
                    return true;
                }
            }
        }

        boolean contains(long hash) {
            int mask = slots.length - 1;
            for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
                if (slots[i] == hash) {
                    return true;
                }
                if (slots[i] == 0) {
                    return false;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long hash : old) {
                if (hash != 0) {
                    add(hash);
                }
            }
        }
    }
}
