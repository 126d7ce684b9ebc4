package org.ifl.referencevlm.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.ifl.lidstream.LanguageJudge;
import org.ifl.referencevlm.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every sentence the data can say is in the language it is filed under, as lid-stream judges a completion: Lingua
 * over the languages in play, then the script-first normalisation. A template misidentified here would teach the
 * model an answer the pipeline scores as the wrong language, and fidelity would measure the template, not the model.
 */
class TemplateLanguageTest {
    @Test
    void everyDescriptionAndAnswerOfEverySceneIsDetectedAsItsLanguage() {
        Phrasebook phrasebook = Phrasebook.standard();
        List<Executable> checks = new ArrayList<>();
        for (String code : phrasebook.languages()) {
            LanguageTemplates language = phrasebook.language(code);
            for (Scene scene : SceneSpace.scenes(SceneSpace.all(), 0)) {
                String description = language.description(scene);
                String answer = language.answer(scene);
                checks.add(() -> assertDetectedAs(code, "description of " + scene, description));
                checks.add(() -> assertDetectedAs(code, "answer for " + scene, answer));
            }
        }
        assertAll(checks);
    }

    @Test
    void everyQuestionAndSteeringSentenceIsDetectedAsItsLanguage() {
        Phrasebook phrasebook = Phrasebook.standard();
        List<Executable> checks = new ArrayList<>();
        for (String code : phrasebook.languages()) {
            LanguageTemplates language = phrasebook.language(code);
            for (String question : language.trainingQuestions()) {
                checks.add(() -> assertDetectedAs(code, "training question", question));
            }
            checks.add(() -> assertDetectedAs(code, "held-out question", language.heldOutQuestion()));
            checks.add(() -> assertDetectedAs(code, "steering sentence", language.steeringSentence()));
        }
        assertAll(checks);
    }

    private static void assertDetectedAs(String language, String what, String text) {
        LanguageJudge.shared().mismatch(language, text).ifPresent(wrong -> fail(
                language + " " + what + ": " + wrong + ": " + text));
    }
}
