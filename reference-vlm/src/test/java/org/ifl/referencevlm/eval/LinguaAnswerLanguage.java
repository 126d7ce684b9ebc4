package org.ifl.referencevlm.eval;

import org.ifl.lidstream.LanguageJudge;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.referencevlm.AnswerLanguage;

/** Judges answers as the pipeline does: lid-stream's Lingua detector, then its script-first normaliser. */
public final class LinguaAnswerLanguage implements AnswerLanguage {

    @Override
    public String languageOf(String answer) {
        return answer.isBlank() ? LanguageNormaliser.NONE : LanguageJudge.shared().language(answer);
    }
}
