package org.ifl.cli;

import java.nio.file.Path;
import org.ifl.platform.service.ServiceContext;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the embedded platform keeps its state and tells other commands where it listens. */
final class DataDirOption {
    static final String DEFAULT = ".ifl/data";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "Data directory of the embedded platform: its broker's logs, and the endpoints.properties "
                    + "through which other commands find a running one (default: ${DEFAULT-VALUE}, relative to "
                    + "the working directory; ./ifl runs from the repository root).")
    @Setting(ServiceContext.DATA_DIR_CONFIG)
    Path path;

    Path path() {
        return path;
    }
}
