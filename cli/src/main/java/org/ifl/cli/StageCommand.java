package org.ifl.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.Optional;
import org.ifl.platform.CauseChain;
import org.ifl.platform.EmbeddedPlatform;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of the commands that run one stage's service in the foreground until Ctrl-C: where the cluster
 * is (the options, else the platform {@code ifl up} runs with --data-dir, else an embedded one in this
 * process), the service's application context, and a clean stop.
 */
abstract class StageCommand extends IflSubcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL", description = "Confluent-compatible schema registry.")
    String registryUrl;

    @Mixin
    DataDirOption dataDir;

    /** The stage's name, as in messages: "lid-stream". */
    protected abstract String stage();

    /** What the stage reads and writes, e.g. "eval.completions -> eval.labeled". */
    protected abstract String flow();

    /** The application context's properties for this cluster and registry. */
    protected abstract Map<String, Object> properties(String bootstrapServers, String registryUrl);

    /** Lines that say where the running service answers, after "running". */
    protected abstract void describeEndpoints(String url);

    @Override
    protected final int execute() throws Exception {
        StopSignal stopSignal = StopSignal.install(err());
        EmbeddedPlatform embedded = null;
        String kafka = bootstrapServers;
        String registry = registryUrl;
        if (kafka == null && registry == null) {
            Optional<EmbeddedPlatform.Endpoints> running = EmbeddedPlatform.readEndpoints(dataDir.path());
            if (running.isPresent()) {
                kafka = running.get().bootstrapServers();
                registry = running.get().registryUrl();
                out().println("using the platform running with " + dataDir.path() + ": " + kafka + ", " + registry);
            } else {
                embedded = startEmbedded();
                kafka = embedded.bootstrapServers();
                registry = embedded.registryUrl();
            }
        } else if (kafka == null || registry == null) {
            throw new CommandFailure("give both --bootstrap-servers and --registry-url, or neither");
        }
        ApplicationContext context;
        try {
            context = ApplicationContext.run(EmbeddedServer.class, properties(kafka, registry)).getApplicationContext();
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw new CommandFailure("cannot start " + stage() + ": " + CauseChain.describe(e), e);
        }
        out().println(stage() + " running: " + flow() + " on " + kafka);
        describeEndpoints(context.getBean(EmbeddedServer.class).getURL().toString());
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
