package org.ifl.producers;

import java.util.Locale;

/** An annotator's answer to one question about a sampled answer: yes, no, or unclear (cannot tell). */
public enum AnnotatorVerdict {
    YES, NO, UNCLEAR;

    /** What a sheet or the annotation page may write for each verdict, in the words the sheet explains. */
    public static final String ACCEPTED = "yes, no or unclear";

    /** The verdict {@code written} names, ignoring case (also y/n and ?); null for one it does not name. */
    public static AnnotatorVerdict parse(String written) {
        return switch (written.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y" -> YES;
            case "no", "n" -> NO;
            case "unclear", "?" -> UNCLEAR;
            default -> null;
        };
    }

    /** As the sheet writes it. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for yes, false for no, null when unclear: what the expert's label says. */
    public Boolean asBoolean() {
        return this == UNCLEAR ? null : this == YES;
    }
}
