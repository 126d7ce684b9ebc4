package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ifl.statsstream.internal.stats.DesignFactorModel.Answer;
import org.junit.jupiter.api.Test;

/** The design matrix of design-factor effects, from checkpoints' attributes. */
class DesignFactorModelTest {
    private static final Map<String, Map<String, String>> ATTRIBUTES = Map.of(
            "llava", Map.of("llm", "vicuna", "vision_encoder", "clip", "step", "1"),
            "yi", Map.of("llm", "yi", "vision_encoder", "clip", "step", "1"),
            "yi-dino", Map.of("llm", "yi", "vision_encoder", "dinov2", "step", "1"),
            "bare", Map.of());

    @Test
    void termsAreInterceptImageEachNonReferenceLevelAndItsInteractionWithImage() {
        DesignFactorModel m = DesignFactorModel.of(List.of("llava", "yi", "yi-dino"), ATTRIBUTES, List.of());
        // step is 1 everywhere: left out; the others in name order, reference levels those of llava
        assertEquals(List.of("intercept", "image", "llm=yi", "vision_encoder=dinov2", "image:llm=yi",
                "image:vision_encoder=dinov2"), m.terms());
        assertEquals(Map.of("llm", "vicuna", "vision_encoder", "clip"), m.reference());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, m.row("llava", false));
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0}, m.row("llava", true));
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 0}, m.row("yi", false));
        assertArrayEquals(new double[] {1, 1, 1, 0, 1, 0}, m.row("yi", true));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, m.row("yi-dino", true));
        // the order of the set decides the reference
        assertEquals(Map.of("llm", "yi"), DesignFactorModel.of(List.of("yi", "llava"), ATTRIBUTES, List.of("llm"))
                .reference());
    }

    @Test
    void aRequestTheAttributesCannotAnswerIsRefusedNamingWhy() {
        assertTrue(refusal(List.of("llava"), List.of()).contains("at least 2 checkpoints"));
        assertTrue(refusal(List.of("llava", "nope"), List.of()).contains("'nope' has no attributes"));
        assertTrue(refusal(List.of("llava", "bare"), List.of("llm")).contains("'bare' has no attribute 'llm'"));
        assertTrue(refusal(List.of("llava", "yi"), List.of("step")).contains("'step' is '1' for every one"));
        assertTrue(refusal(List.of("llava", "llava"), List.of()).contains("name one twice"));
        assertTrue(refusal(List.of("llava", "bare"), List.of()).contains("no attribute"));
    }

    @Test
    void twoCheckpointsThatDifferInTwoAttributesCannotTellThemApart() {
        DesignFactorModel m = DesignFactorModel.of(List.of("llava", "yi-dino"), ATTRIBUTES, List.of());
        List<Answer> answers = List.of(
                new Answer("llava", "a", false, 1), new Answer("llava", "a", true, 0),
                new Answer("yi-dino", "a", false, 1), new Answer("yi-dino", "a", true, 1),
                new Answer("llava", "b", false, 1), new Answer("llava", "b", true, 1),
                new Answer("yi-dino", "b", false, 0), new Answer("yi-dino", "b", true, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(answers));
        assertTrue(e.getMessage().contains("'vision_encoder=dinov2' is a combination of the others"), e.getMessage());
    }

    private static String refusal(List<String> checkpoints, List<String> attributes) {
        return assertThrows(IllegalArgumentException.class,
                () -> DesignFactorModel.of(checkpoints, ATTRIBUTES, attributes)).getMessage();
    }
}
