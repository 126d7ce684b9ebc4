package org.ifl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.suite.InputException;
import org.ifl.producers.suite.Suites;
import org.ifl.producers.publish.RecordSender;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl publish}: benchmark suites into paired queries on eval.queries for one checkpoint. */
@Command(name = "publish",
        description = {
            "Publishes benchmark suites as paired queries on eval.queries for one model checkpoint: every item "
                    + "and language becomes a TEXT query (the image's description in its place), an IMAGE query "
                    + "and, unless --no-remedy, an IMAGE_REMEDY query, sharing one pair key.",
            "",
            "Every suite is read and checked before anything is sent; malformed input names its file, line and "
                    + "field and sends nothing. Items whose image does not decode are skipped and reported.",
            ""},
        sortOptions = false)
final class PublishCommand extends ProducerCommand {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model name.")
    String model;

    @Option(names = "--checkpoint", required = true, paramLabel = "CHECKPOINT", description = "Checkpoint name.")
    String checkpoint;

    @Option(names = "--attr", paramLabel = "KEY=VALUE",
            description = "An attribute of the checkpoint that travels with every query (llm=..., vision=..., "
                    + "data-language=...). Repeatable.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--no-remedy", description = "Do not ask the IMAGE_REMEDY arm.")
    boolean noRemedy;

    @Mixin
    SuiteOptions suiteOptions;

    @Override
    protected int execute() throws Exception {
        if (suiteOptions.suites.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one --suite");
        }
        List<Suites.Read> suites;
        try {
            suites = suiteOptions.read(workDir());
        } catch (InputException e) {
            return inputProblems(e);
        }
        try (RecordSender<Query> sender = sender(Topics.QUERIES)) {
            boolean complete = suiteOptions.publish(suites, suiteOptions.target(model, checkpoint, !noRemedy,
                    attributes), sender, out());
            return complete ? ExitCode.OK : ExitCode.SOFTWARE;
        }
    }
}
