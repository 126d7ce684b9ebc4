package org.ifl.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.checkpoint.CheckpointRegistration;
import picocli.CommandLine.Option;

/** What a checkpoint registration says besides its name and location: shared by register and watch. */
final class CheckpointOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "djl",
            description = "Inference backend that serves it: djl or openai (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--baseline", paramLabel = "CHECKPOINT",
            description = "The checkpoint alerts compare it with (default: the previous one).")
    String baseline;

    @Option(names = "--attr", paramLabel = "KEY=VALUE",
            description = "An attribute of the checkpoint (llm=..., vision=..., data-language=...); it travels with "
                    + "every query published for it. Repeatable.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--no-remedy", description = "Do not ask the IMAGE_REMEDY arm.")
    boolean noRemedy;

    CheckpointRegistration registration(String model, String checkpoint, String location, String revision,
            List<String> suites, Instant now) {
        return new CheckpointRegistration(model, checkpoint, backend, location, revision, baseline, suites,
                !noRemedy, attributes, now);
    }
}
