package org.ifl.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each long-running command ships with a bounded heap; a command not listed gets the JVM's defaults. */
class JvmOptionsTest {

    @Test
    void theServicesAndTheReplayShipWithABoundedHeap() {
        for (String command : List.of("up", "lid", "stats", "replay", "demo")) {
            List<String> options = JvmOptions.of(command);
            assertTrue(options.stream().anyMatch(o -> o.matches("-Xmx\\d+[mg]")), command + ": " + options);
            assertTrue(options.stream().allMatch(o -> o.startsWith("-X")), command + ": " + options);
        }
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC"), JvmOptions.of("stats"));
        assertEquals(List.of(), JvmOptions.of("report"));
    }
}
