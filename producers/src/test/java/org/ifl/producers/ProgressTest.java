package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theLineShowsDoneRateAndTimeLeftThenTheTotalTime() {
        AtomicLong clock = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "publishing", "items",
                1_000, false, clock::get);
        clock.set(2_000_000_000L);
        progress.advance(250); // 250 in 2 s: 125/s, 750 left: 6 s
        assertEquals("publishing [#####---------------]       250 / 1,000 items   25%       125/s  ETA 0:06",
                progress.line(clock.get()));
        clock.set(8_000_000_000L);
        progress.advance(750);
        progress.finish();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("publishing [####################]     1,000 / 1,000 items  100%       125/s  in 8.0 s"
                + System.lineSeparator(), printed.substring(printed.indexOf("publishing [####################]")));
    }
}
