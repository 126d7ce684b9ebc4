package org.ifl.referencevlm.data;

import org.ifl.referencevlm.Scene;

/** How one language says a scene's counted noun phrase: "two red circles", "два красных круга", "赤い円が二つ". */
interface NounPhraseGrammar {
    String phrase(Scene scene, GrammaticalRole role);
}
