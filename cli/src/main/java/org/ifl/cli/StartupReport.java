package org.ifl.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.schemas.topic.Topics;

/** What {@code ifl up} prints once the platform is ready: where everything listens and what it cost. */
record StartupReport(
        String bootstrapServers,
        String registryUrl,
        String dataDir,
        String clientProperties,
        boolean secured,
        List<String> createdTopics,
        Duration timeToReady,
        Duration jvmUptime,
        String residentMemory) {

    static StartupReport of(EmbeddedPlatform platform, boolean secured, Duration timeToReady, Duration jvmUptime,
            String residentMemory) {
        return new StartupReport(platform.bootstrapServers(), platform.registryUrl(),
                platform.dataDir().toAbsolutePath().normalize().toString(),
                platform.clientPropertiesFile().normalize().toString(), secured, platform.createdTopics(),
                timeToReady, jvmUptime, residentMemory);
    }

    String render() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("bootstrap servers", bootstrapServers + (secured ? " (SASL_SSL, SCRAM-SHA-512)" : ""));
        lines.put("schema registry", registryUrl + (secured ? " (basic authentication)" : ""));
        lines.put("data dir", dataDir);
        lines.put("client config", clientProperties);
        lines.put("topics created", createdTopicsLine());
        lines.put("time to ready", seconds(timeToReady) + " (JVM up " + seconds(jvmUptime) + ")");
        lines.put("resident memory", residentMemory + " (VmRSS of this JVM)");
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);

        StringBuilder text = new StringBuilder("ifl platform ready in ").append(seconds(timeToReady)).append('\n');
        lines.forEach((label, value) -> text.append("  ").append(label).append(" ".repeat(width - label.length()))
                .append("  ").append(value).append('\n'));
        if (secured) {
            // the file names the passwords by reference (secrets/, tls/ in the data dir): none is printed
            text.append("Clients connect with --kafka-config ").append(clientProperties)
                    .append(" (commands given the same --data-dir use it on their own).\n");
        }
        text.append("Ctrl-C stops it.\n");
        return text.toString();
    }

    private String createdTopicsLine() {
        if (createdTopics.isEmpty()) {
            return "none (all " + Topics.ALL.size() + " registry topics were already there)";
        }
        return createdTopics.size() + ": " + String.join(", ", createdTopics);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
