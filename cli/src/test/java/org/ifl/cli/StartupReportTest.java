package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code ifl up} prints: where it listens and, secured, the client properties file to pass. */
class StartupReportTest {
    private static StartupReport report(boolean secured) {
        return new StartupReport("127.0.0.1:9092", secured ? "https://127.0.0.1:8081" : "http://127.0.0.1:8081",
                "/data", "/data/client.properties", secured, List.of("eval.queries"), Duration.ofMillis(4200),
                Duration.ofMillis(5100), "300 MiB");
    }

    @Test
    void aSecuredPlatformSaysWhichFileClientsConnectWith() {
        String text = report(true).render();
        assertTrue(text.contains("127.0.0.1:9092 (SASL_SSL, SCRAM-SHA-512)"), text);
        assertTrue(text.contains("https://127.0.0.1:8081 (basic authentication)"), text);
        assertTrue(text.contains("client config      /data/client.properties"), text);
        assertTrue(text.contains("Clients connect with --kafka-config /data/client.properties"), text);
    }

    @Test
    void aPlaintextPlatformNamesTheFileButAsksForNothing() {
        String text = report(false).render();
        assertTrue(text.contains("client config      /data/client.properties"), text);
        assertFalse(text.contains("SASL_SSL") || text.contains("Clients connect with"), text);
    }
}
