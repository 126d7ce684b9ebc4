package org.ifl.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.producers.AnnotationLabels;
import org.ifl.producers.AnnotationSheets;
import org.ifl.producers.RecordSender;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Parameters;

/** {@code ifl annotate import FILE}: an annotated sheet's verdicts onto eval.annotations. */
@Command(name = "import",
        description = {
            "Publishes the verdicts of an annotated sheet (CSV or JSON Lines, as `ifl annotate sample` wrote it) to "
                    + "eval.annotations, where stats-stream turns them into DSL figures.",
            "",
            "The whole sheet is checked first: every row's completion id must be an answer on eval.labeled, its "
                    + "sampling probability in (0, 1], its verdicts yes/no/unclear, each answer labelled once; "
                    + "every problem is listed as file:line: field: message and nothing is published unless the "
                    + "sheet passes. Rows not judged yet are skipped. A verdict already published as it is, is "
                    + "not published again, so importing the same sheet twice changes nothing; a changed verdict "
                    + "replaces the earlier one.",
            ""},
        sortOptions = false)
final class AnnotateImportCommand extends ProducerCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The annotated sheet (.csv, else JSON Lines).")
    Path file;

    @Override
    protected int produce() throws Exception {
        List<AnnotationSheets.Line> lines = AnnotationSheets.read(file);
        ClusterAccess cluster = requiredCluster();
        LabeledAnswers answers = LabeledAnswers.ofSheet(cluster, lines, "ifl-annotate-import");
        AnnotationLabels.Checked checked = AnnotationLabels.check(lines, answers::get, Instant.now());
        Map<String, ExpertAnnotation> published = PublishedAnnotations.read(cluster,
                lines.stream().map(l -> l.row().completionId()).collect(Collectors.toSet()), "ifl-annotate-import");
        long unchanged = 0;
        long replacing = 0;
        try (RecordSender<ExpertAnnotation> sender = sender(Topics.ANNOTATIONS)) {
            for (ExpertAnnotation annotation : checked.annotations()) {
                ExpertAnnotation earlier = published.get(annotation.getCompletionId());
                if (earlier != null && AnnotationLabels.sameJudgement(earlier, annotation)) {
                    unchanged++;
                    continue;
                }
                replacing += earlier == null ? 0 : 1;
                sender.send(RecordKey.cell(annotation.getPair()), annotation, null);
            }
            RecordSender.Delivery delivery = sender.flush();
            long unclear = checked.annotations().stream().filter(a -> a.getTrueLanguage() == null).count();
            out().println((dryRun ? "would publish " : "published ") + delivery.sent() + " verdicts to "
                    + Topics.ANNOTATIONS.name() + (replacing > 0 ? " (" + replacing + " replacing earlier ones)" : "")
                    + "; " + unchanged + " already published as they are; " + checked.notJudged()
                    + " rows not judged yet" + (unclear > 0 ? "; " + unclear + " of the sheet's verdicts leave the "
                    + "language unclear (no language label: see docs/annotation.md)" : ""));
            out().flush();
            if (!delivery.complete()) {
                err().println("not every verdict was acknowledged: " + delivery.firstFailure()
                        + "; import the sheet again (what was published is not published twice)");
                return ExitCode.SOFTWARE;
            }
            return ExitCode.OK;
        }
    }

    /** The latest annotation of each completion of a set, as eval.annotations holds them. */
    static final class PublishedAnnotations {
        private PublishedAnnotations() {
        }

        static Map<String, ExpertAnnotation> read(ClusterAccess cluster, Set<String> ids, String clientId) {
            Map<String, ExpertAnnotation> latest = new HashMap<>();
            try (TopicScan<ExpertAnnotation> scan = new TopicScan<>(cluster, Topics.ANNOTATIONS, clientId,
                    LabeledAnswers.STALL)) {
                scan.toEnd(r -> {
                    if (ids.contains(r.value().getCompletionId())) {
                        latest.put(r.value().getCompletionId(), r.value());
                    }
                });
            }
            return latest;
        }
    }
}
