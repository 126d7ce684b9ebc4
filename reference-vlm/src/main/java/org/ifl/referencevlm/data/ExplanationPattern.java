package org.ifl.referencevlm.data;

/** The four instruction/output language patterns of an artwork explanation, as the artwork study crosses them. */
public enum ExplanationPattern {
    EN_EN(true, true), EN_L(true, false), L_EN(false, true), L_L(false, false);

    private final boolean englishInstruction;
    private final boolean englishOutput;

    ExplanationPattern(boolean englishInstruction, boolean englishOutput) {
        this.englishInstruction = englishInstruction;
        this.englishOutput = englishOutput;
    }

    public boolean englishInstruction() {
        return englishInstruction;
    }

    public boolean englishOutput() {
        return englishOutput;
    }

    /** The language the instruction is in, for an item in {@code language}. */
    public String instructionLanguage(String language) {
        return englishInstruction ? Phrasebook.ENGLISH : language;
    }

    /** The language the explanation is asked in, for an item in {@code language}. */
    public String outputLanguage(String language) {
        return englishOutput ? Phrasebook.ENGLISH : language;
    }
}
