package org.ifl.cli;

import java.time.Instant;
import java.util.List;
import org.ifl.producers.CheckpointRegistration;
import org.ifl.producers.RecordSender;
import org.ifl.producers.Suites;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ifl checkpoint register}: one checkpoint event, and the queries of its suites. */
@Command(name = "register",
        description = {
            "Publishes a checkpoint registration to eval.checkpoints (keyed model|checkpoint; registering again "
                    + "replaces it) and, for each --suite, its paired queries to eval.queries.",
            ""},
        sortOptions = false)
final class CheckpointRegisterCommand extends ProducerCommand {

    @Mixin
    CheckpointName name;

    @Option(names = "--uri", paramLabel = "URI", description = "Where its weights are: a path, TorchScript file or "
            + "endpoint base URL.")
    String uri;

    @Option(names = "--revision", paramLabel = "REV", description = "Content hash or VCS revision of the weights.")
    String revision;

    @Mixin
    CheckpointOptions checkpointOptions;

    @Mixin
    SuiteOptions suiteOptions;

    @Override
    protected int produce() throws Exception {
        List<Suites.Read> suites = suiteOptions.read(workDir());
        CheckpointRegistration registration = checkpointOptions.registration(name.model, name.checkpoint, uri,
                revision, suiteOptions, Instant.now());
        boolean complete;
        try (RecordSender<Checkpoint> checkpoints = sender(Topics.CHECKPOINTS)) {
            checkpoints.send(registration.key(), registration.toAvro(), null);
            RecordSender.Delivery delivery = checkpoints.flush();
            out().println("checkpoint " + registration.key() + ": " + delivery);
            complete = delivery.complete();
        }
        if (complete && !suites.isEmpty()) {
            try (SuiteOptions.Senders queries = suiteSenders()) {
                complete = suiteOptions.publish(suites, suiteOptions.target(name.model, name.checkpoint), queries,
                        out());
            }
        }
        out().flush();
        return complete ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
