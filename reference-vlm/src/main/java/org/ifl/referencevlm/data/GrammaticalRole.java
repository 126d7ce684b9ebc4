package org.ifl.referencevlm.data;

/**
 * What the counted noun phrase ("two red circles") is in its sentence: the subject ("there are ...") or the direct
 * object ("I see ..."). Languages with cases inflect it differently (Russian "одна звезда" / "одну звезду", Arabic
 * "دائرتان" / "دائرتين", German "ein roter Kreis" / "einen roten Kreis"); a template names the one it needs.
 */
public enum GrammaticalRole {
    SUBJECT("{subject}"), OBJECT("{object}");

    private final String placeholder;

    GrammaticalRole(String placeholder) {
        this.placeholder = placeholder;
    }

    /** How a template marks where the phrase goes. */
    public String placeholder() {
        return placeholder;
    }
}
