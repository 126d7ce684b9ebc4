package org.ifl.lidstream.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ifl.lidstream.LinguaDetector;
import org.ifl.lidstream.TestCompletions;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;
import org.junit.jupiter.api.Test;

class CompletionValidatorTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final CompletionValidator validator = new CompletionValidator(
            LanguageNormaliser.withDefaultLatinLanguages().labels(), 1000, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theProjectsLanguagesAreThoseLidLabelsWhichAreTheDetectorsDefaults() {
        assertEquals(List.of("ar", "bn", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko", "pt", "ro", "ru", "th",
                "ur", "zh"), List.copyOf(LanguageNormaliser.withDefaultLatinLanguages().labels()));
        assertEquals(LanguageNormaliser.withDefaultLatinLanguages().labels(),
                Set.copyOf(LinguaDetector.DEFAULT_LANGUAGES));
    }

    @Test
    void whatTheProducersAndWorkersWritePasses() {
        Completion answer = TestCompletions.answer("a", "he", "he", "?");
        assertEquals(List.of(), validator.problems(RecordKey.cell(answer.getPair()), answer));
        Completion failed = TestCompletions.failed("f", "zh");
        assertEquals(List.of(), validator.problems(RecordKey.cell(failed.getPair()), failed));
        Completion empty = TestCompletions.answer("e", "de", "de", "");
        assertEquals(List.of(), validator.problems(RecordKey.cell(empty.getPair()), empty), "an empty answer is one");
        // A language lid does not label is fine as the item's (the cell's) and the instruction's, as long as the
        // answer is expected in one it labels: a Swahili item asked for an English answer.
        Completion crossLingual = TestCompletions.answer("s", "sw", "en", "An answer.");
        assertEquals(List.of(), validator.problems(RecordKey.cell(crossLingual.getPair()), crossLingual));
        Completion explanation = explanation(PromptPattern.EN_L, "en", "ja", Map.of("ja", List.of("レオナルド")));
        assertEquals(List.of(), validator.problems(RecordKey.cell(explanation.getPair()), explanation));
        assertEquals(Optional.empty(), validator.reason(RecordKey.cell(explanation.getPair()), explanation));
    }

    @Test
    void anExplanationsReferencesAreCheckedOnlyWhereTheyAreScored() {
        Completion noForm = explanation(PromptPattern.L_L, "ja", "ja", Map.of("en", List.of("Leonardo", " ")));
        assertEquals(List.of("references.entities[0] ('Q762') has no surface form in condition.expectedLanguage 'ja',"
                + " so it could never be found: references.entities[0].surfaceForms {en=[Leonardo,  ]}"),
                validator.problems(RecordKey.cell(noForm.getPair()), noForm));
        Completion failed = Completion.newBuilder(noForm).setText(null)
                .setError(TestCompletions.failed("f", "ja").getError()).build();
        assertEquals(List.of(), validator.problems(RecordKey.cell(failed.getPair()), failed),
                "a failed explanation has no entity scores: its references are not used");

        Completion pairs = Completion.newBuilder(explanation(PromptPattern.L_L, "ja", "ja",
                Map.of("ja", List.of("レオナルド")))).setReferences(ItemReferences.newBuilder().setEntities(List.of(
                        new ReferenceEntity("Q762", Map.of("ja", List.of("レオナルド"))),
                        new ReferenceEntity(" ", Map.of("ja", List.of("ルーヴル"))),
                        new ReferenceEntity("Q762", Map.of("ja", List.of("ダ・ヴィンチ")))))
                .setCooccurringPairs(List.of(List.of("Q762"), List.of("Q762", "Q762"))).build()).build();
        assertEquals(List.of("references.entities[1].entityId ' ' is blank",
                "references.entities[2].entityId 'Q762' is listed twice",
                "references.cooccurringPairs[0] [Q762] is not a pair of two entity ids",
                "references.cooccurringPairs[1] [Q762, Q762] is not a pair of two entity ids"),
                validator.problems(RecordKey.cell(pairs.getPair()), pairs));
    }

    @Test
    void aReasonNamesTheCompletionAndAtMostTenProblems() {
        Completion base = TestCompletions.answer("many", "de", "de", "x".repeat(1001));
        Completion many = Completion.newBuilder(base).setQueryId("")
                .setPair(new PairKey("", "", "", "", "", "deu"))
                .setCondition(Condition.newBuilder(base.getCondition()).setInstructionLanguage("German")
                        .setExpectedLanguage("DE").build())
                .setCompletedAt(Instant.EPOCH).build();
        List<String> problems = validator.problems("key", many);
        assertEquals(11, problems.size(), problems.toString());
        String reason = validator.reason("key", many).orElseThrow();
        assertTrue(reason.startsWith("completion many: queryId '' is blank; pair.runId '' is blank; "), reason);
        assertTrue(reason.endsWith("; text has 1001 bytes, more than the limit of 1000 bytes"
                + " (ifl.lid.max-text-bytes); and 1 more"), reason);
        assertEquals("completion: completionId '' is blank", validator.reason(RecordKey.cell(base.getPair()),
                Completion.newBuilder(base).setCompletionId("").setText("ok").build()).orElseThrow());
    }

    /** An explanation of the Mona Lisa with one reference entity, Leonardo, in the forms given. */
    private static Completion explanation(PromptPattern pattern, String instruction, String expected,
            Map<String, List<String>> forms) {
        Completion base = TestCompletions.answer("x", "ja", expected, "モナ・リザはレオナルドが描いた。");
        return Completion.newBuilder(base)
                .setPair(PairKey.newBuilder(base.getPair()).setDataset("artwork/" + pattern).build())
                .setCondition(Condition.newBuilder(base.getCondition()).setTask(TaskKind.EXPLANATION)
                        .setPattern(pattern).setInstructionLanguage(instruction).build())
                .setReferences(ItemReferences.newBuilder().setEntities(List.of(new ReferenceEntity("Q762", forms)))
                        .build())
                .build();
    }
}
