package org.ifl.cli;

import java.time.Instant;
import java.util.Map;
import org.ifl.producers.CheckpointRegistration;
import picocli.CommandLine.Option;

/** What a checkpoint registration says besides its name, location and suites: shared by register and watch. */
final class CheckpointOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl",
            description = "Inference backend that serves it: djl or openai (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--baseline", paramLabel = "CHECKPOINT",
            description = "The checkpoint alerts compare it with (default: the previous one).")
    String baseline;

    CheckpointRegistration registration(String model, String checkpoint, String location, String revision,
            SuiteOptions suites, Instant now) {
        return registration(model, checkpoint, location, revision, suites, suites.attributes, now);
    }

    CheckpointRegistration registration(String model, String checkpoint, String location, String revision,
            SuiteOptions suites, Map<String, String> attributes, Instant now) {
        return new CheckpointRegistration(model, checkpoint, backend, location, revision, baseline, suites.suites,
                suites.remedy(), attributes, now);
    }
}
