package org.ifl.benchmarks.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.ifl.benchmarks.StoredAnswers;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions.Cell;
import org.ifl.producers.FanOut;
import org.ifl.producers.ReplayFormats;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;

/**
 * The stored run the chaos run replays, drawn from a seed and written in the JSONL format {@code ifl replay}
 * reads: the stats benchmark's cells (2 models x 2 checkpoints x 5 datasets x the IFL paper's 14 languages, each
 * with its true fidelity per arm), items placed in cells at random, every arm of an item answered in turn. An
 * answer is the reference VLM's evaluation answer to one of its questions in the cell's language when the draw says
 * faithful, else the same answer in English (in French for English cells), so lid-stream has real text to label.
 * Completion times spread evenly over {@link SimulatedLabeledCompletions#SPAN} before {@code end}, so hopping
 * windows fill. Every completion has its own id: nothing is a repeat.
 */
final class ChaosInput {
    private static final String FALLBACK_LANGUAGE = "en";
    private static final String FALLBACK_FOR_ENGLISH = "fr";

    /** What {@link #write} wrote. */
    record Summary(Path file, int completions, long items, int cells, Instant first, Instant last) {
    }

    private ChaosInput() {
    }

    /** Writes {@code completions} completions drawn from {@code seed} to {@code file}, in the stats benchmark's cells. */
    static Summary write(Path file, int completions, long seed, Instant end) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        return write(file, completions, SimulatedLabeledCompletions.cells(random), random, "chaos-" + seed, end);
    }

    /**
     * Writes {@code completions} completions to {@code file}: each item in a cell drawn from {@code cells} by
     * {@code random}, every arm answered in turn, under run {@code runId}.
     */
    static Summary write(Path file, int completions, List<Cell> cells, SplittableRandom random, String runId,
            Instant end) throws IOException {
        if (completions < 1) {
            throw new IllegalArgumentException("--completions must be at least 1, not " + completions);
        }
        Map<String, List<EvaluationItem>> questions = EvaluationSet.standard().items().stream()
                .collect(Collectors.groupingBy(EvaluationItem::language));
        long[] itemsOfCell = new long[cells.size()];
        long span = SimulatedLabeledCompletions.SPAN.toMillis();
        Instant first = end.minus(SimulatedLabeledCompletions.SPAN);
        int written = 0;
        long items = 0;
        Instant last = first;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < completions) {
                int c = random.nextInt(cells.size());
                long itemNumber = itemsOfCell[c]++;
                PairKey pair = PairKey.newBuilder(cells.get(c).pair()).setRunId(runId)
                        .setItemId("item-" + itemNumber).build();
                String language = pair.getLanguage();
                List<EvaluationItem> asked = questions.get(language);
                int q = (int) (itemNumber % asked.size());
                EvaluationItem item = asked.get(q);
                // the evaluation set asks the same scenes in the same order in every language
                String unfaithful = questions.get(language.equals(FALLBACK_LANGUAGE) ? FALLBACK_FOR_ENGLISH
                        : FALLBACK_LANGUAGE).get(q).expectedAnswer();
                Instant at = first.plusMillis(span * written / completions);
                last = at;
                for (Arm arm : Arm.values()) {
                    if (written == completions) {
                        break;
                    }
                    boolean faithful = random.nextDouble() < cells.get(c).fidelity()[arm.ordinal()];
                    Query query = query(pair, arm, item, at);
                    Completion answer = StoredAnswers.of(query, query.getQueryId() + "/stored",
                            faithful ? item.expectedAnswer() : unfaithful, at.minus(Duration.ofSeconds(1)), at);
                    ReplayFormats.writeJsonl(answer, out);
                    written++;
                }
                items++;
            }
        }
        return new Summary(file, written, items, cells.size(), first, last);
    }

    private static Query query(PairKey pair, Arm arm, EvaluationItem item, Instant at) {
        String language = pair.getLanguage();
        return Query.newBuilder()
                .setQueryId(FanOut.queryId(pair, arm))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(language).setExpectedLanguage(language).build())
                .setPrompt(arm == Arm.TEXT ? item.textPrompt() : item.question())
                .setDescription(arm == Arm.TEXT ? item.description() : null)
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of(item.expectedAnswer())).build())
                .setCreatedAt(at)
                .build();
    }
}
