package org.ifl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import org.ifl.benchmarks.producers.ProducersBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl bench producers}: publish and replay throughput beside a bare producer, on the embedded broker. */
@Command(name = "producers",
        description = {
            "Throughput of publishing a suite (image checks, fan-out into paired queries, Avro, acknowledged "
                    + "sends) and of replaying a stored run (reading its JSONL, Avro, acknowledged sends), each "
                    + "beside a bare producer sending the same records' bytes with the same settings.",
            "",
            "Starts a fresh embedded broker and registry on a temporary directory; the items are the bundled "
                    + "sample suite's, copied under new ids up to --items; the stored run answers their queries. "
                    + "Rounds interleave the four runs; the median is shown. See docs/benchmarks.md.",
            ""},
        sortOptions = false)
final class BenchProducersCommand extends IflSubcommand {

    @Option(names = "--items", paramLabel = "N", defaultValue = "" + ProducersBenchmark.DEFAULT_ITEMS,
            description = "Suite items to publish, 3 queries each (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--completions", paramLabel = "N", defaultValue = "" + ProducersBenchmark.DEFAULT_COMPLETIONS,
            description = "Stored completions to replay (default: ${DEFAULT-VALUE}).")
    int completions;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + ProducersBenchmark.DEFAULT_ROUNDS,
            description = "Rounds of the four runs, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    BenchLidCommand.Format format;

    @Override
    protected int execute() throws Exception {
        ProducersBenchmark.Options options = fromOptions(() -> new ProducersBenchmark.Options(items, completions,
                rounds));
        ProducersBenchmark.Result result = runOrFail(new ProducersBenchmark(options, progress())::run);
        if (format == BenchLidCommand.Format.json) {
            out().println(new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result));
        } else {
            out().print(text(result));
        }
        out().flush();
        return ExitCode.OK;
    }

    static String text(ProducersBenchmark.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ifl bench producers: %,d items (%,d queries, %,d bytes each on average),"
                + " %,d stored completions (%,d bytes each), %d round(s); %d cores, Java %s%n%n",
                r.options().items(), 3L * r.options().items(), r.queryBytes(), r.options().completions(),
                r.completionBytes(), r.options().rounds(), r.cores(), r.java()));
        s.append(String.format(Locale.ROOT, "  %-34s %12s %12s%n", "RECORDS/S (median)", "RECORDS/S", "PER CORE"));
        for (String what : new String[] {ProducersBenchmark.PUBLISH, ProducersBenchmark.BARE_QUERIES,
                ProducersBenchmark.REPLAY, ProducersBenchmark.BARE_COMPLETIONS}) {
            double rate = r.median(what);
            s.append(String.format(Locale.ROOT, "  %-34s %,12.0f %,12.0f%n", what, rate, rate / r.cores()));
        }
        s.append(String.format(Locale.ROOT, "%nratio publish / bare producer: %.2f; replay / bare producer: %.2f%n",
                r.median(ProducersBenchmark.PUBLISH) / r.median(ProducersBenchmark.BARE_QUERIES),
                r.median(ProducersBenchmark.REPLAY) / r.median(ProducersBenchmark.BARE_COMPLETIONS)));
        s.append(String.format(Locale.ROOT, "%nruns%n"));
        for (ProducersBenchmark.Run run : r.runs()) {
            s.append(String.format(Locale.ROOT, "  round %d, %-34s %,9d records in %6.2f s: %,9.0f/s, CPU %.1f s%n",
                    run.round(), run.what() + ":", run.records(), run.seconds(), run.recordsPerSecond(),
                    run.cpuSeconds()));
        }
        return s.toString();
    }
}
