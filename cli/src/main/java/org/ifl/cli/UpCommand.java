package org.ifl.cli;

import org.ifl.platform.CauseChain;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.ifl.platform.EmbeddedPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl up}: the embedded platform, in the foreground until Ctrl-C. */
@Command(name = "up",
        description = {
            "Starts the embedded platform (Kafka, schema registry) until Ctrl-C.",
            "",
            "A real Kafka broker (KRaft) and a schema registry run in this process, with every topic of the ifl "
                    + "topic registry created. Prints where they listen, then runs until Ctrl-C, which stops them "
                    + "cleanly. State is kept in the data directory across restarts; other ifl commands find the "
                    + "running platform through its endpoints.properties file.",
            "",
            "With --secure the broker listens with SASL_SSL (SCRAM-SHA-512) and the registry with HTTPS and basic "
                    + "authentication; certificates and passwords are generated in the data directory (tls/, "
                    + "secrets/) and kept across restarts. Clients connect with the client properties file it "
                    + "prints (--kafka-config FILE); commands given the same --data-dir use it on their own. A data "
                    + "directory keeps the mode it was first started in: start it the same way, or with --fresh.",
            ""},
        sortOptions = false)
final class UpCommand extends IflSubcommand {
    private static final String HOST = "127.0.0.1";
    private static final String PORT_HINT =
            "; is another `ifl up` running? Stop it, or choose other ports (0 picks free ones)";

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka listener port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "9093",
            description = "KRaft controller port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema registry HTTP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--fresh", description = "Wipe the data directory first: no topics, records or schemas kept.")
    boolean fresh;

    @Option(names = "--secure", description = "Secured: a SASL_SSL broker (SCRAM users) and an HTTPS registry with "
            + "basic authentication; clients need the client properties file it writes.")
    boolean secure;

    @Override
    protected int execute() throws InterruptedException {
        long startedAt = System.nanoTime();
        checkPorts();
        checkPortsFree();
        StopSignal stopSignal = StopSignal.install(err());

        EmbeddedPlatform platform;
        try {
            EmbeddedPlatform.Settings settings = new EmbeddedPlatform.Settings(dataDir.path(), brokerPort,
                    controllerPort, registryPort, fresh);
            platform = EmbeddedPlatform.start(secure ? settings.secured() : settings);
        } catch (RuntimeException e) {
            throw new CommandFailure("cannot start the platform: " + CauseChain.describe(e) + hint(e), e);
        }
        Duration timeToReady = Duration.ofNanos(System.nanoTime() - startedAt);
        RunningPlatform running = new RunningPlatform(platform, out());
        Runtime.getRuntime().addShutdownHook(running.shutdownHook());

        Duration jvmUptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        out().print(StartupReport.of(platform, secure, timeToReady, jvmUptime, ResidentMemory.describe()).render());
        out().flush();

        stopSignal.await();
        running.stop();
        return ExitCode.OK;
    }

    private void checkPorts() {
        checkPort("--broker-port", brokerPort);
        checkPort("--controller-port", controllerPort);
        checkPort("--registry-port", registryPort);
        if (brokerPort != 0 && (brokerPort == controllerPort || brokerPort == registryPort)
                || controllerPort != 0 && controllerPort == registryPort) {
            throw new ParameterException(spec.commandLine(), "the broker, controller and registry need different "
                    + "ports, not " + brokerPort + ", " + controllerPort + " and " + registryPort);
        }
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), option + " must be 0 to 65535, not " + port);
        }
    }

    /**
     * Fails early, in one line, when a port is taken: Kafka itself would log pages of stack traces first (and,
     * for the controller port, end the process).
     */
    private void checkPortsFree() {
        checkPortFree("--broker-port", brokerPort);
        checkPortFree("--controller-port", controllerPort);
        checkPortFree("--registry-port", registryPort);
    }

    private static void checkPortFree(String option, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new CommandFailure("cannot start the platform: port " + port + " (" + option + ") on " + HOST
                    + " is in use" + PORT_HINT, e);
        }
    }

    private static String hint(RuntimeException e) {
        if (CauseChain.contains(e, BindException.class)) {
            return PORT_HINT;
        }
        return "";
    }
}
