package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ifl.platform.testkit.ServiceSettings;
import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.ExplanationMix;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class IflCommandTest {

    /** Runs {@code ifl args} in this JVM and keeps what it printed. */
    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = IflCommand.commandLine(CommandLine.defaultFactory()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute(args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @Test
    void withoutASubcommandPrintsUsage() {
        Run run = Run.of();
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: ifl"), run.out());
        assertTrue(run.out().contains("  up "), run.out());
        assertTrue(run.out().contains("  topics "), run.out());
        assertTrue(run.out().contains("  lid "), run.out());
    }

    private static String[] append(String[] words, String option) {
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = option;
        return args;
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        for (String command : new String[] {"up", "topics", "topics create", "lid", "stats", "report", "publish", "replay",
                "checkpoint register", "checkpoint watch", "train-reference", "eval-reference", "worker", "serve-model",
                "bench lid", "bench producers", "bench stats"}) {
            String[] words = command.split(" ");
            Run help = Run.of(append(words, "--help"));
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: ifl " + command), help.out());
            assertTrue(help.out().contains("--version"), help.out());
            Run version = Run.of(append(words, "--version"));
            assertEquals(0, version.exitCode(), command);
            assertTrue(version.out().startsWith("ifl "), version.out());
            assertTrue(version.out().contains("Kafka "), version.out());
        }
    }

    @Test
    void onlyTheOptionsGivenBecomeSettingsSoTheEnvironmentAndTheYmlKeepTheRest(@TempDir Path dataDir) {
        StatsCommand stats = new StatsCommand();
        new CommandLine(stats).parseArgs("--data-dir", dataDir.toString(), "--emit-interval", "PT10S",
                "--window-size", "30m", "--baseline", "vlm=c1", "--threads", "2", "--state-dir", "state");
        assertEquals(Map.of(
                "ifl.data-dir", dataDir.toAbsolutePath().toString(),
                "ifl.stats.emit-interval", "PT10S",
                "ifl.stats.window-size", "30m",
                "ifl.stats.baselines.vlm", "c1",
                "ifl.stats.threads", 2,
                "ifl.stats.state-dir", Path.of("state").toAbsolutePath().toString()), stats.givenSettings());

        StatsCommand none = new StatsCommand();
        new CommandLine(none).parseArgs();
        assertEquals(Map.of(), none.givenSettings());
    }

    @Test
    void aDurationTheServiceCannotReadIsAUsageError() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new CommandLine(new StatsCommand()).parseArgs("--window-size", "an hour"));
        assertTrue(e.getMessage().contains("--window-size") && e.getMessage().contains("'an hour' is not a duration"),
                e.getMessage());
    }

    @Test
    void givenOptionsWinOverTheEnvironmentWhichWinsOverTheYml() {
        StatsCommand stats = new StatsCommand();
        new CommandLine(stats).parseArgs("--threads", "2", "--window-size", "PT10M", "--baseline", "vlm=c1");
        try (ApplicationContext context = ServiceSettings.context(StatsService.ENVIRONMENT, Map.of(
                "IFL_STATS_THREADS", "3", "IFL_STATS_WINDOW_SIZE", "30m", "IFL_STATS_EMIT_INTERVAL", "5s"),
                stats.givenSettings())) {
            StatsSettings settings = context.getBean(StatsSettings.class);
            assertEquals(2, settings.getThreads());
            assertEquals(Duration.ofMinutes(10), settings.getWindowSize());
            assertEquals(Duration.ofSeconds(5), settings.getEmitInterval());
            assertEquals(Duration.ofMinutes(5), settings.getWindowAdvance());
            assertEquals(Map.of("vlm", "c1"), settings.getBaselines());
        }
    }

    @Test
    void helpShowsTheDefaultsOfTheServicesYml() {
        assertHelpShows("stats", "--http-port=PORT", "8470");
        assertHelpShows("stats", "--window-size=DURATION", "1h");
        assertHelpShows("stats", "--application-id=ID", "ifl-stats-stream");
        assertHelpShows("lid", "--http-port=PORT", "8085");
        assertHelpShows("lid", "--max-text-bytes=BYTES", "65536");
        assertHelpShows("lid", "--threads=N", "1");
        assertHelpShows("worker", "--http-port=PORT", "8086");
        assertHelpShows("worker", "--max-wait=DURATION", "50ms");
        assertHelpShows("serve-model", "--port=PORT", "8000");
        assertHelpShows("serve-model", "--pooling=mean|last", "mean");
    }

    /** {@code ifl command --help} describes {@code option} with "(default: value)", however its lines wrap. */
    private static void assertHelpShows(String command, String option, String value) {
        String help = Run.of(command, "--help").out().replaceAll("\\s+", " ");
        int at = help.indexOf(" " + option + " ");
        assertTrue(at >= 0, help);
        int next = help.indexOf(" --", at + option.length() + 1);
        String description = help.substring(at, next < 0 ? help.length() : next);
        assertTrue(description.contains("(default: " + value + ")"), description);
    }

    @Test
    void trainReferenceDefaultsToTheBundledRecipeAndNamesABadLanguageShare() {
        TrainReferenceCommand.Train train = new TrainReferenceCommand.Train();
        new CommandLine(train).parseArgs();
        // The bundled model's first stage (run 7: scenes only); its second adds --explanation-share 0.5.
        Map<String, Double> translated = Map.of("de", 0.4, "es", 0.4, "ja", 0.4, "zh", 0.4);
        assertEquals(DataMix.defaults().withEnglishImageShare(0.9)
                .withEnglishImageShareByLanguage(Map.of("de", 0.3, "es", 0.3, "ja", 0.3, "zh", 0.3))
                .withExplanations(new ExplanationMix(0, 0.2, translated)), train.mix());
        assertEquals(1400, train.steps);
        assertEquals(7L, train.dataSeed);

        TrainReferenceCommand.Train explaining = new TrainReferenceCommand.Train();
        new CommandLine(explaining).parseArgs("--explanation-share", "0.5");
        assertEquals(new ExplanationMix(0.5, 0.2, translated), explaining.mix().explanations());
        TrainReferenceCommand.Train overShare = new TrainReferenceCommand.Train();
        new CommandLine(overShare).parseArgs("--complete-explanation-share-for", "de=1.5");
        ParameterException over = assertThrows(ParameterException.class, overShare::mix);
        assertTrue(over.getMessage().contains("complete-explanation share of de must be in [0, 1], was 1.5"),
                over.getMessage());

        TrainReferenceCommand.Train oneShare = new TrainReferenceCommand.Train();
        new CommandLine(oneShare).parseArgs("--english-image-share", "1", "--english-image-share-for", "ru=0.5");
        assertEquals(Map.of("ru", 0.5), oneShare.mix().englishImageShareByLanguage());
        assertEquals(1.0, oneShare.mix().englishImageShare("de"));

        for (String bad : List.of("xx=0.5", "de=1.5")) {
            TrainReferenceCommand.Train wrong = new TrainReferenceCommand.Train();
            new CommandLine(wrong).parseArgs("--english-image-share-for", bad);
            ParameterException e = assertThrows(ParameterException.class, wrong::mix);
            assertTrue(e.getMessage().startsWith("--english-image-share-for: ")
                    && e.getMessage().contains(bad.substring(0, 2)), e.getMessage());
        }
    }

    @Test
    void upRejectsImpossiblePorts() {
        Run run = Run.of("up", "--broker-port", "70000");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--broker-port must be 0 to 65535, not 70000"), run.err());
        Run same = Run.of("up", "--broker-port", "5000", "--registry-port", "5000");
        assertEquals(CommandLine.ExitCode.USAGE, same.exitCode());
    }

    @Test
    void aMissingArgumentIsSaidWithWhereTheUsageIsNotTheWholeHelp() {
        Run run = Run.of("replay");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertEquals("ifl replay: Missing required parameter: 'FILE'\nRun 'ifl replay --help' for usage.\n", run.err());
        assertTrue(run.out().isEmpty(), run.out());

        Run report = Run.of("report", "--model", "vlm");
        assertEquals(CommandLine.ExitCode.USAGE, report.exitCode());
        assertEquals("ifl report: Missing required option: '--checkpoint=CHECKPOINT'\n"
                + "Run 'ifl report --help' for usage.\n", report.err());
    }

    @Test
    void aMisspeltOptionGetsSuggestionsAndTheHelpPointer() {
        Run run = Run.of("report", "--model", "vlm", "--checkpoint", "c1", "--datset", "maxm");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(0).startsWith("ifl report: Unknown options: '--datset', 'maxm'"), run.err());
        assertTrue(run.err().contains("--dataset"), run.err());
        assertEquals("Run 'ifl report --help' for usage.", lines.get(lines.size() - 1), run.err());
        assertTrue(!run.err().contains("Usage:"), run.err());

        Run command = Run.of("repaly");
        assertEquals(CommandLine.ExitCode.USAGE, command.exitCode());
        assertTrue(command.err().startsWith("ifl: Unmatched argument at index 0: 'repaly'"), command.err());
        assertTrue(command.err().contains("replay"), command.err());
        assertTrue(command.err().endsWith("Run 'ifl --help' for usage.\n"), command.err());
    }

    @Test
    void aBadValueFoundWhileRunningIsAUsageErrorToo() {
        Run run = Run.of("replay", "stored.jsonl", "--format", "csv");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("ifl replay: unknown --format csv; the formats are "), run.err());
        assertEquals(2, run.err().lines().count(), run.err());
    }

    @Test
    void upSaysInOneLineWhenAPortIsTaken(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run run = Run.of("up", "--data-dir", dataDir.toString(), "--broker-port", "0", "--controller-port", "0",
                    "--registry-port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, run.exitCode());
            assertEquals("ifl up: cannot start the platform: port " + taken.getLocalPort()
                    + " (--registry-port) on 127.0.0.1 is in use; is another `ifl up` running? Stop it, or choose"
                    + " other ports (0 picks free ones)\n", run.err());
            assertTrue(run.out().isEmpty(), run.out());
        }
    }

    @Test
    void topicsWithoutARunningPlatformSaysWhatToDo(@TempDir Path dataDir) {
        Run run = Run.of("topics", "--data-dir", dataDir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("ifl topics: no running platform found"), run.err());
        assertTrue(run.err().contains("./ifl up"), run.err());
        assertTrue(run.err().contains("--bootstrap-servers"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void topicsGivesUpOnAnUnreachableCluster(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("endpoints.properties"),
                "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http\\://127.0.0.1\\:2\n");
        long started = System.nanoTime();
        Run run = Run.of("topics", "--data-dir", dataDir.toString(), "--timeout", "2");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("ifl topics: cannot reach the Kafka cluster at 127.0.0.1:1"), run.err());
        assertTrue(run.err().contains("stale"), run.err());
        assertTrue(seconds < 10, "took " + seconds + " s");
    }
}
