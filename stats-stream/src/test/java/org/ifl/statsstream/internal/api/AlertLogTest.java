package org.ifl.statsstream.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.ifl.statsstream.AlertView;
import org.junit.jupiter.api.Test;

/** Which alerts {@code GET /alerts} shows, in which order, and which of them are open. */
class AlertLogTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static AlertView alert(String checkpoint, String dataset, long episode, String state, int minute) {
        return new AlertView("vlm|" + checkpoint + "|" + dataset + "|" + episode, state, "vlm", checkpoint, "c0",
                dataset, List.of("de"), null, null, null, 0.05, "", T0.plusSeconds(60L * minute), true);
    }

    private static List<String> shown(List<AlertView> alerts) {
        return alerts.stream().map(a -> a.alertId() + " " + a.state() + (a.open() ? " open" : "")).toList();
    }

    @Test
    void anAlertIsOpenWhileItsLatestRecordIsFiring() {
        AlertLog log = new AlertLog(AlertLog.CAPACITY);
        assertTrue(log.add(alert("c1", "maxm", 1, "FIRING", 0)).open(), "the latest record of its id, firing");
        log.add(alert("c1", "palo", 1, "FIRING", 1));
        assertFalse(log.add(alert("c1", "maxm", 1, "RESOLVED", 2)).open(), "resolved is never open");
        log.add(alert("c1", "maxm", 2, "FIRING", 3)); // a new episode: a new id

        assertEquals(List.of("vlm|c1|maxm|2 FIRING open", "vlm|c1|maxm|1 RESOLVED", "vlm|c1|palo|1 FIRING open",
                "vlm|c1|maxm|1 FIRING"), shown(log.latest(null, null, 200)));
        assertEquals(List.of("vlm|c1|maxm|2 FIRING open", "vlm|c1|maxm|1 RESOLVED"), shown(log.latest("vlm", "c1", 2)));
        assertEquals(List.of(), log.latest("vlm", "c2", 200));
        assertEquals(List.of(), log.latest("other", null, 200));
    }

    @Test
    void newestFirstByDetectionTimeThenArrival() {
        AlertLog log = new AlertLog(10);
        log.add(alert("c2", "maxm", 1, "FIRING", 5)); // another partition's record, detected later, came first
        log.add(alert("c1", "maxm", 1, "FIRING", 1));
        log.add(alert("c3", "maxm", 1, "FIRING", 1));
        assertEquals(List.of("vlm|c2|maxm|1 FIRING open", "vlm|c3|maxm|1 FIRING open", "vlm|c1|maxm|1 FIRING open"),
                shown(log.latest(null, null, 10)));
    }

    @Test
    void onlyTheLatestRecordsAreKept() {
        AlertLog log = new AlertLog(3);
        log.add(alert("c1", "maxm", 1, "FIRING", 0));
        log.add(alert("c1", "maxm", 1, "RESOLVED", 1));
        log.add(alert("c2", "maxm", 1, "FIRING", 2));
        log.add(alert("c3", "maxm", 1, "FIRING", 3));
        log.add(alert("c3", "maxm", 1, "RESOLVED", 4));
        assertEquals(List.of("vlm|c3|maxm|1 RESOLVED", "vlm|c3|maxm|1 FIRING", "vlm|c2|maxm|1 FIRING open"),
                shown(log.latest(null, null, 10)));
        assertThrows(IllegalArgumentException.class, () -> new AlertLog(0));
    }
}
