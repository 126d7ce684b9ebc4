package org.ifl.statsstream.internal.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.statsstream.AlertView;

/**
 * The latest eval.alerts records, at most {@code capacity} (the oldest are dropped), as {@code GET /alerts}
 * serves them: newest first, each {@linkplain AlertView#open open} when it is the latest record of its alert id
 * and FIRING. Fed in topic order by one thread, read by any.
 */
public final class AlertLog {
    public static final int CAPACITY = 1_000;
    private final int capacity;
    private final ArrayDeque<Entry> records = new ArrayDeque<>();
    /** Alert id -> the sequence number of its latest record still held. */
    private final Map<String, Long> latest = new HashMap<>();
    private long sequence;

    private record Entry(long sequence, AlertView alert) {
    }

    public AlertLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an alert log holds at least one record, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Takes in the next record of eval.alerts; returns it as it now stands (open if FIRING: it is the latest). */
    public synchronized AlertView add(AlertView alert) {
        Entry entry = new Entry(sequence++, alert.withOpen(false));
        records.addLast(entry);
        latest.put(alert.alertId(), entry.sequence());
        while (records.size() > capacity) {
            Entry dropped = records.removeFirst();
            latest.remove(dropped.alert().alertId(), dropped.sequence());
        }
        return open(entry);
    }

    /**
     * The latest records of {@code model} and {@code checkpoint} (null: any), newest first (by detection time,
     * then as they arrived), at most {@code limit}.
     */
    public synchronized List<AlertView> latest(String model, String checkpoint, int limit) {
        List<Entry> matching = new ArrayList<>();
        for (Entry e : records) {
            if ((model == null || model.equals(e.alert().model()))
                    && (checkpoint == null || checkpoint.equals(e.alert().checkpoint()))) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparing((Entry e) -> e.alert().detectedAt()).thenComparingLong(Entry::sequence)
                .reversed());
        return matching.stream().limit(Math.max(0, limit)).map(this::open).toList();
    }

    private AlertView open(Entry e) {
        return e.alert().withOpen(e.alert().firing() && Long.valueOf(e.sequence()).equals(latest.get(e.alert().alertId())));
    }
}
