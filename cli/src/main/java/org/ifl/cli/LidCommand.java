package org.ifl.cli;

import java.nio.file.Path;
import java.util.List;
import org.ifl.lidstream.LidService;
import org.ifl.lidstream.LidSettings;
import org.ifl.lidstream.LidStage;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl lid}: the lid-stream service in the foreground until Ctrl-C. */
@Command(name = "lid",
        description = {
            "Runs lid-stream: labels the language of every completion and scores it (eval.completions -> eval.labeled).",
            "",
            "Connects to --bootstrap-servers and --registry-url if given (or IFL_KAFKA_BOOTSTRAP_SERVERS and "
                    + "IFL_SCHEMA_REGISTRY_URL), else to the platform `ifl up` runs with --data-dir, else starts an "
                    + "embedded platform in this process. Serves /health, /metrics and /prometheus on --http-port. "
                    + "Every setting (application-lid.yml) can also be set in the environment: IFL_LID_THREADS=2.",
            ""},
        sortOptions = false)
final class LidCommand extends StageCommand {
    private static final String P = LidSettings.PREFIX + ".";

    @Option(names = "--languages", paramLabel = "CODE", split = ",",
            description = "ISO 639-1 codes the detector chooses among (default: ${DEFAULT-VALUE}).")
    @Setting(P + "languages")
    List<String> languages;

    @Option(names = "--fasttext-model", paramLabel = "FILE",
            description = "Use this fastText LID model (GlotLID model.bin, lid.176.bin) instead of Lingua.")
    @Setting(P + "fasttext-model")
    Path fasttextModel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Stream threads, sharing one detector (default: ${DEFAULT-VALUE}).")
    @Setting(P + "threads")
    int threads;

    @Option(names = "--max-text-bytes", paramLabel = "BYTES",
            description = "Larger completion texts go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
    @Setting(P + "max-text-bytes")
    int maxTextBytes;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the Kafka Streams state (the entity vocabulary) lives (default: <data-dir>/lid-stream).")
    @Setting(P + "state-dir")
    Path stateDir;

    @Override
    protected String environment() {
        return LidService.ENVIRONMENT;
    }

    @Override
    protected String stage() {
        return LidStage.STAGE;
    }

    @Override
    protected String flow() {
        return Topics.COMPLETIONS.name() + " -> " + Topics.LABELED.name();
    }
}
