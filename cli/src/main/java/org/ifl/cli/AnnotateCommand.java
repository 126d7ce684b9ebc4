package org.ifl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ifl annotate}: expert labels for DSL, from drawing the sample to publishing the verdicts. */
@Command(name = "annotate",
        description = {"Expert labels for DSL: draw a sample of answers with known probabilities (sample), judge "
                + "them on a page (serve) or in the sheet, and publish the verdicts to eval.annotations (import). "
                + "See docs/annotation.md."},
        subcommands = {AnnotateSampleCommand.class, AnnotateServeCommand.class, AnnotateImportCommand.class})
final class AnnotateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
