package org.ifl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ifl.lidstream.service.LidServiceProperties;
import org.ifl.lidstream.service.LidSettings;
import org.ifl.platform.CauseChain;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
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
final class LidCommand extends IflSubcommand {
    private static final String FLOW = Topics.COMPLETIONS.name() + " -> " + Topics.LABELED.name();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL", description = "Confluent-compatible schema registry.")
    String registryUrl;

    @Mixin
    DataDirOption dataDir;

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
    protected int execute() throws InterruptedException {
        StopSignal stopSignal = StopSignal.install(err());
        EmbeddedPlatform embedded = null;
        String kafka = bootstrapServers;
        String registry = registryUrl;
        if (kafka == null || registry == null) {
            Optional<EmbeddedPlatform.Endpoints> running = EmbeddedPlatform.readEndpoints(dataDir.path());
            if (running.isPresent() && kafka == null && registry == null) {
                kafka = running.get().bootstrapServers();
                registry = running.get().registryUrl();
                out().println("using the platform running with " + dataDir.path() + ": " + kafka + ", "
                        + registry);
            } else if (kafka == null && registry == null) {
                embedded = startEmbedded();
                kafka = embedded.bootstrapServers();
                registry = embedded.registryUrl();
            } else {
                throw new CommandFailure("give both --bootstrap-servers and --registry-url, or neither");
            }
        }
        Map<String, Object> properties = new HashMap<>(LidServiceProperties.of(kafka, registry, httpPort));
        properties.put(LidSettings.PREFIX + ".threads", threads);
        properties.put(LidSettings.PREFIX + ".max-text-bytes", maxTextBytes);
        if (fasttextModel != null) {
            properties.put(LidSettings.PREFIX + ".fasttext-model", fasttextModel.toAbsolutePath().toString());
        }
        if (languages != null) {
            properties.put(LidSettings.PREFIX + ".languages", languages);
        }
        ApplicationContext context;
        try {
            context = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new CommandFailure("cannot start lid-stream: " + CauseChain.describe(e), e);
        }
        String url = context.getBean(EmbeddedServer.class).getURL().toString();
        out().println("lid-stream running: " + FLOW + " on " + kafka);
        out().println("  health   " + url + "/health");
        out().println("  metrics  " + url + "/metrics, " + url + "/prometheus");
        out().println("Ctrl-C stops it.");
        out().flush();

        stopSignal.await();
        context.close();
        if (embedded != null) {
            embedded.close();
        }
        out().println("stopped");
        return ExitCode.OK;
    }

    private EmbeddedPlatform startEmbedded() {
        out().println("no platform running with " + dataDir.path() + ": starting one in this process");
        try {
            return EmbeddedPlatform.start(new EmbeddedPlatform.Settings(dataDir.path(), 0, 0, 0, false));
        } catch (RuntimeException e) {
            throw new CommandFailure("cannot start the platform: " + CauseChain.describe(e), e);
        }
    }
}
