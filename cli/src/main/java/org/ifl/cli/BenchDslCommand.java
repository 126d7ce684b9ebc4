package org.ifl.cli;

import java.util.List;
import org.ifl.benchmarks.dsl.DslCoverageReport;
import org.ifl.benchmarks.dsl.DslCoverageSimulation;
import org.ifl.benchmarks.dsl.DslCoverageSimulation.Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench dsl}: how many expert labels buy how much DSL interval width, and whether it covers. */
@Command(name = "dsl",
        description = {
            "Simulates cells whose language identifier is biased and prints, for each number of expert labels, "
                    + "the width and coverage of the DSL intervals of F_image, IFL and F_text beside the intervals "
                    + "of the identifier alone.",
            "",
            "A cell has --items-per-cell items answered in the TEXT and IMAGE arms, with true fidelities "
                    + "--text-fidelity and --image-fidelity; the identifier reads a share --mislabeled of each "
                    + "arm's answers, answers truly in the expected language, as another language; an expert labels "
                    + "each answer independently with probability labels / items. The estimators are stats-stream's own. "
                    + "See docs/annotation.md.",
            ""},
        sortOptions = false)
final class BenchDslCommand extends IflSubcommand {

    enum Format { text, markdown }

    @Option(names = "--labels", paramLabel = "L", split = ",",
            defaultValue = DslCoverageSimulation.DEFAULT_LABELS_LIST,
            description = "Expected expert labels in each arm of a cell, one row each (default: ${DEFAULT-VALUE}).")
    List<Integer> labels;

    @Option(names = "--items-per-cell", paramLabel = "N",
            defaultValue = "" + DslCoverageSimulation.DEFAULT_ITEMS_PER_CELL,
            description = "Items of a cell, each answered in both arms (default: ${DEFAULT-VALUE}).")
    int itemsPerCell;

    @Option(names = "--replications", paramLabel = "R",
            defaultValue = "" + DslCoverageSimulation.DEFAULT_REPLICATIONS,
            description = "Cells simulated for each row (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + DslCoverageSimulation.DEFAULT_SEED,
            description = "Seed of the answers, verdicts and labels; every row starts from it (default: "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--text-fidelity", paramLabel = "F",
            defaultValue = "" + DslCoverageSimulation.DEFAULT_TEXT_FIDELITY,
            description = "True fidelity of the TEXT arm (default: ${DEFAULT-VALUE}).")
    double textFidelity;

    @Option(names = "--image-fidelity", paramLabel = "F",
            defaultValue = "" + DslCoverageSimulation.DEFAULT_IMAGE_FIDELITY,
            description = "True fidelity of the IMAGE arm (default: ${DEFAULT-VALUE}).")
    double imageFidelity;

    @Option(names = "--mislabeled", paramLabel = "SHARE",
            defaultValue = "" + DslCoverageSimulation.DEFAULT_MISLABELED,
            description = "Share of the answers truly in the expected language that the identifier calls not in it "
                    + "(default: ${DEFAULT-VALUE}).")
    double mislabeled;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    protected int execute() {
        Options options = fromOptions(() -> new Options(labels, itemsPerCell, replications, seed, textFidelity,
                imageFidelity, mislabeled));
        DslCoverageSimulation.Result result = new DslCoverageSimulation(options).run();
        out().print(format == Format.markdown ? DslCoverageReport.markdown(result) : DslCoverageReport.text(result));
        out().flush();
        return ExitCode.OK;
    }
}
