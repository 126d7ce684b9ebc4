package org.ifl.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.producers.AnnotationSheets;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ifl annotate serve SHEET}: the annotation page for a sheet. */
@Command(name = "serve",
        description = {
            "Serves the annotation page for SHEET (as `ifl annotate sample` wrote it): one answer at a time with "
                    + "its question and image; each verdict saved is checked, published to eval.annotations at once "
                    + "and kept in SHEET's labels file (NAME.labels.jsonl beside it, which `ifl annotate import` "
                    + "also reads). Runs until Ctrl-C.",
            ""},
        sortOptions = false)
final class AnnotateServeCommand extends ProducerCommand {

    @Parameters(index = "0", paramLabel = "SHEET", description = "The sheet (.csv, else JSON Lines).")
    Path sheet;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8095",
            description = "Port of the page on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--annotator", paramLabel = "ID", description = "The annotator's id the page starts with.")
    String annotator;

    @Override
    protected int produce() throws Exception {
        List<AnnotationSheets.Line> lines = AnnotationSheets.read(sheet);
        ClusterAccess cluster = requiredCluster();
        LabeledAnswers answers = LabeledAnswers.ofSheet(cluster, lines, "ifl-annotate-serve");
        long missing = lines.stream().filter(l -> answers.get(l.row().completionId()) == null).count();
        if (missing > 0) {
            err().println("annotate serve: " + missing + " of the sheet's " + lines.size() + " answers are not on "
                    + Topics.LABELED.name() + "; their verdicts will be refused");
        }
        StopSignal stop = StopSignal.install(err());
        try (Producer<String, ExpertAnnotation> producer = dryRun ? null
                : cluster().create(Topics.ANNOTATIONS, "ifl-annotate-serve");
                AnnotationPage page = new AnnotationPage(sheet, lines, answers::get, producer, annotator,
                        new InetSocketAddress(host, port), Clock.systemUTC())) {
            out().println("annotation page for " + lines.size() + " answers of " + sheet + ": http://" + host + ":"
                    + page.port() + "/" + (dryRun ? " (dry run: verdicts go to " + AnnotationPage.labelsFile(sheet)
                    + " only)" : ""));
            out().flush();
            stop.await();
        }
        return ExitCode.OK;
    }
}
