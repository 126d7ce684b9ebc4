package org.ifl.cli;

import java.util.List;
import org.ifl.benchmarks.worker.WorkerBenchmark;
import org.ifl.benchmarks.worker.WorkerBenchmarkReport;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult;
import org.ifl.schemas.avro.Arm;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench worker}: the inference worker beside the bare batched generation loop, on the same queries. */
@Command(name = "worker",
        description = {
            "Throughput of the inference worker (Kafka in, batching, the backend, completions out, commits) beside "
                    + "the bare batched generation loop, on the same queries and the same loaded backend: the "
                    + "bundled reference VLM.",
            "",
            "Queries: the reference VLM's SEEN evaluation items (14 languages x 16), on the IMAGE arm or on all "
                    + "three, images inline. The bare loop passes them to the backend in batches grouped as the "
                    + "worker groups them; the worker reads them from eval.queries of a fresh embedded broker, "
                    + "where they were produced before its clock started. Rounds interleave the two runs; the "
                    + "median is shown, and the ratio worker / bare (target >= 0.9; nothing fails). See "
                    + "docs/benchmarks.md.",
            "",
            "Progress goes to stderr, the report to stdout. PyTorch's thread settings change the figures several "
                    + "times over on a small machine: IFL_JAVA_OPTS=-Dai.djl.pytorch.num_threads=1 gave the "
                    + "steadiest ones on 2 cores (docs/benchmarks.md).",
            ""},
        sortOptions = false)
final class BenchWorkerCommand extends IflSubcommand {

    /** Which arms each item is asked on. */
    enum Arms {
        image(List.of(Arm.IMAGE)),
        all(List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY));

        final List<Arm> arms;

        Arms(List<Arm> arms) {
            this.arms = arms;
        }
    }

    @Option(names = "--queries", paramLabel = "N", defaultValue = "0",
            description = "Answer at most N queries a run (default: every item on every arm asked, 224 on the "
                    + "IMAGE arm).")
    int queries;

    @Option(names = "--arms", paramLabel = "ARMS", defaultValue = "image",
            description = "image (the IMAGE arm) or all (TEXT, IMAGE and IMAGE_REMEDY) (default: ${DEFAULT-VALUE}).")
    Arms arms;

    @Option(names = "--max-batch", paramLabel = "B", defaultValue = "" + WorkerBenchmark.DEFAULT_MAX_BATCH,
            description = "Most queries in one backend call, bare and in the worker (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "" + WorkerBenchmark.DEFAULT_MAX_WAIT_MS,
            description = "The worker's longest wait for a batch to fill (default: ${DEFAULT-VALUE}).")
    int maxWaitMs;

    @Option(names = "--queue-capacity", paramLabel = "Q", defaultValue = "0",
            description = "Most queries the worker holds before its consumer pauses (default: the worker's, 256).")
    int queueCapacity;

    @Option(names = "--max-new-tokens", paramLabel = "T", defaultValue = "" + WorkerBenchmark.DEFAULT_MAX_NEW_TOKENS,
            description = "Each query's answer length budget (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + WorkerBenchmark.DEFAULT_ROUNDS,
            description = "Rounds of the two runs, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--checkpoints", paramLabel = "K", defaultValue = "0",
            description = "Also run, each round, a worker that loads each query's checkpoint from its registration "
                    + "(--registered-checkpoints), the queries spread over K checkpoints in turn (default: "
                    + "${DEFAULT-VALUE}, not run). With K = 1 it measures what loading from registrations costs a "
                    + "worker of one checkpoint; with --checkpoint-memory below K models, what switching costs.")
    int checkpoints;

    @Option(names = "--checkpoint-memory", paramLabel = "BYTES", defaultValue = "0",
            description = "That worker's memory budget for loaded checkpoints (default: ${DEFAULT-VALUE}, all fit; "
                    + "the bundled model is about 6 MB).")
    long checkpointMemory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    BenchLidCommand.Format format;

    @Override
    protected int execute() throws Exception {
        WorkerBenchmark.Options options = fromOptions(() -> new WorkerBenchmark.Options(queries, arms.arms,
                maxBatch, rounds, maxNewTokens, maxWaitMs, queueCapacity, checkpoints, checkpointMemory));
        WorkerBenchmarkResult result = runOrFail(new WorkerBenchmark(options, progress())::run);
        out().print(format == BenchLidCommand.Format.json ? WorkerBenchmarkReport.json(result)
                : WorkerBenchmarkReport.text(result));
        out().flush();
        return ExitCode.OK;
    }
}
