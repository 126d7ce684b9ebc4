package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;
import org.junit.jupiter.api.Test;

class AnnotationLabelsTest {
    private static final Path SHEET = Path.of("sheet.csv");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final AnnotationSampling SAMPLING = new AnnotationSampling(7, AnnotationSampling.Target.perCell(2));
    private static final Map<String, LabeledCompletion> ANSWERS = Map.of(
            "c-1", AnnotationFixtures.answer("c-1", "i-1", Arm.IMAGE, "The circle is red."),
            "c-2", AnnotationFixtures.answer("c-2", "i-1", Arm.TEXT, "Der Kreis ist rot."),
            "c-3", AnnotationFixtures.answer("c-3", "i-2", Arm.IMAGE, "Rot."));

    @Test
    void verdictsBecomeAnnotationsOfTheAnswersAsEvalLabeledHoldsThem() {
        AnnotationLabels.Checked checked = check(
                line(2, "c-1", AnnotatorVerdict.NO, "en", AnnotatorVerdict.YES, null),
                line(3, "c-2", AnnotatorVerdict.YES, null, AnnotatorVerdict.UNCLEAR, AnnotationFixtures.AT),
                line(4, "c-3", AnnotatorVerdict.UNCLEAR, null, null, null),
                line(5, "c-9", null, null, null, null)); // not judged yet: counted, not checked
        List<ExpertAnnotation> a = checked.annotations();
        assertEquals(3, a.size());
        assertEquals(1, checked.notJudged());
        assertEquals("en", a.get(0).getTrueLanguage());
        assertEquals(Boolean.TRUE, a.get(0).getCorrect());
        assertEquals(Arm.IMAGE, a.get(0).getArm());
        assertEquals(ANSWERS.get("c-1").getCompletion().getPair(), a.get(0).getPair());
        assertEquals(0.5, a.get(0).getSamplingProbability(), 0.0);
        assertEquals("expert-1", a.get(0).getAnnotator());
        assertEquals(NOW, a.get(0).getAnnotatedAt());
        assertEquals("seed 7, 2 per cell", a.get(0).getSample());
        assertEquals("de", a.get(1).getTrueLanguage()); // yes: the expected language
        assertNull(a.get(1).getCorrect()); // unclear
        assertEquals(AnnotationFixtures.AT, a.get(1).getAnnotatedAt());
        assertNull(a.get(2).getTrueLanguage()); // unclear: no language label
        ExpertAnnotation noLanguageNamed = check(line(2, "c-1", AnnotatorVerdict.NO, null, null, null))
                .annotations().get(0);
        assertEquals("other", noLanguageNamed.getTrueLanguage());
    }

    @Test
    void aSheetWithAnyWrongRowIsRefusedWholeNamingEachRow() {
        AnnotationRow otherModel = new AnnotationRow("c-3", "other-vlm", "c1", null, null, null, null, null, null,
                null, null, null, List.of(), null, 0.5, null, AnnotatorVerdict.YES, null, null, null, null);
        InputException e = assertThrows(InputException.class, () -> AnnotationLabels.check(List.of(
                line(2, "c-1", AnnotatorVerdict.YES, "en", null, null),
                line(3, "c-2", AnnotatorVerdict.NO, "de", null, null),
                line(4, "c-9", AnnotatorVerdict.YES, null, null, null),
                new AnnotationSheets.Line(new Origin(SHEET, 5), otherModel),
                line(6, "c-1", AnnotatorVerdict.UNCLEAR, "fr", null, null)), ANSWERS::get, NOW));
        assertEquals(List.of(
                "sheet.csv:2: true_language: names en but in_expected_language says yes, the expected de",
                "sheet.csv:3: true_language: names the expected de but in_expected_language says no",
                "sheet.csv:4: completion_id: no answer c-9 on eval.labeled: a sheet's rows come from `ifl annotate "
                        + "sample` on this cluster",
                "sheet.csv:5: model: the sheet says other-vlm, but completion c-3 is vlm's",
                "sheet.csv:6: true_language: names fr but in_expected_language is unclear; name a language only for "
                        + "an answer judged not in de"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void theSameJudgementIsRecognisedWhateverItsTime() {
        ExpertAnnotation first = check(line(2, "c-1", AnnotatorVerdict.NO, "en", AnnotatorVerdict.YES, null))
                .annotations().get(0);
        ExpertAnnotation later = ExpertAnnotation.newBuilder(first).setAnnotatedAt(NOW.plusSeconds(60)).build();
        ExpertAnnotation changed = ExpertAnnotation.newBuilder(first).setCorrect(false).build();
        assertTrue(AnnotationLabels.sameJudgement(first, later));
        assertFalse(AnnotationLabels.sameJudgement(first, changed));
    }

    private static AnnotationLabels.Checked check(AnnotationSheets.Line... lines) {
        return AnnotationLabels.check(List.of(lines), ANSWERS::get, NOW);
    }

    private static AnnotationSheets.Line line(long number, String id, AnnotatorVerdict inExpected, String trueLanguage,
            AnnotatorVerdict correct, Instant at) {
        LabeledCompletion answer = ANSWERS.getOrDefault(id, ANSWERS.get("c-1"));
        AnnotationRow row = SAMPLING.row(answer, null, null, 0.5);
        row = new AnnotationRow(id, row.model(), row.checkpoint(), row.dataset(), row.item(), row.language(),
                row.arm(), row.expectedLanguage(), row.question(), row.image(), row.description(), row.answer(),
                row.referenceAnswers(), row.judge(), row.samplingProbability(), row.sample(), null, null, null, null,
                null);
        return new AnnotationSheets.Line(new Origin(SHEET, number),
                inExpected == null && correct == null ? row : row.withVerdicts(inExpected, trueLanguage, correct,
                        "expert-1", at));
    }
}
