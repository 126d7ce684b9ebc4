package org.ifl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.lidstream.service.LidServiceProperties;
import org.ifl.lidstream.service.LidSettings;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl lid}: the lid-stream service in the foreground until Ctrl-C. */
@Command(name = "lid",
        description = {
            "Runs lid-stream: labels the language of every completion and scores it (eval.completions -> eval.labeled).",
            "",
            "Connects to --bootstrap-servers and --registry-url if given, else to the platform `ifl up` runs with "
                    + "--data-dir, else starts an embedded platform in this process. Serves /health, /metrics and "
                    + "/prometheus on --http-port.",
            ""},
        sortOptions = false)
final class LidCommand extends StageCommand {

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8085",
            description = "Port of /health, /metrics and /prometheus on 127.0.0.1; -1 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--languages", paramLabel = "CODE", split = ",",
            description = "ISO 639-1 codes the detector chooses among (default: the IFL paper's 14 + it, ko, pt).")
    List<String> languages;

    @Option(names = "--fasttext-model", paramLabel = "FILE",
            description = "Use this fastText LID model (GlotLID model.bin, lid.176.bin) instead of Lingua.")
    Path fasttextModel;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads, sharing one detector (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-text-bytes", paramLabel = "BYTES", defaultValue = "65536",
            description = "Larger completion texts go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
    int maxTextBytes;

    @Override
    protected String stage() {
        return "lid-stream";
    }

    @Override
    protected String flow() {
        return Topics.COMPLETIONS.name() + " -> " + Topics.LABELED.name();
    }

    @Override
    protected Map<String, Object> properties(String kafka, String registry) {
        Map<String, Object> properties = new HashMap<>(LidServiceProperties.of(kafka, registry, httpPort));
        properties.put(LidSettings.PREFIX + ".threads", threads);
        properties.put(LidSettings.PREFIX + ".max-text-bytes", maxTextBytes);
        if (fasttextModel != null) {
            properties.put(LidSettings.PREFIX + ".fasttext-model", fasttextModel.toAbsolutePath().toString());
        }
        if (languages != null) {
            properties.put(LidSettings.PREFIX + ".languages", languages);
        }
        return properties;
    }

    @Override
    protected void describeEndpoints(String url) {
        out().println("  health   " + url + "/health");
        out().println("  metrics  " + url + "/metrics, " + url + "/prometheus");
    }
}
