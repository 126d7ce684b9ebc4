package org.ifl.cli;

import java.util.List;
import org.ifl.producers.Suites;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
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

    @Mixin
    CheckpointName name;

    @Mixin
    SuiteOptions suiteOptions;

    @Override
    protected int produce() throws Exception {
        if (suiteOptions.suites.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one --suite");
        }
        List<Suites.Read> suites = suiteOptions.read(workDir());
        try (SuiteOptions.Senders senders = suiteSenders()) {
            boolean complete = suiteOptions.publish(suites, suiteOptions.target(name.model, name.checkpoint),
                    senders, out());
            return complete ? ExitCode.OK : ExitCode.SOFTWARE;
        }
    }
}
