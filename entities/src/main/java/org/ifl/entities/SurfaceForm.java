package org.ifl.entities;

/**
 * One way an entity is written in one language ("Mona Lisa", "La Gioconda", "モナ・リザ"), normalised for
 * matching. A form with a character of an unspaced script matches anywhere; any other matches only between
 * word boundaries, so "Ra" is not found in "Raphael" and "art" not in "start".
 */
public record SurfaceForm(String written, String normalized, boolean anywhere) {

    public static SurfaceForm of(String written) {
        String normalized = MatchText.normalize(written);
        return new SurfaceForm(written, normalized, MatchText.hasUnspaced(normalized));
    }

    /** Whether this form occurs in {@code text}, which must already be {@link MatchText#normalize normalised}. */
    public boolean occursIn(String text) {
        if (normalized.isEmpty()) {
            return false;
        }
        for (int at = text.indexOf(normalized); at >= 0; at = text.indexOf(normalized, at + 1)) {
            if (anywhere || boundedAt(text, at, at + normalized.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundedAt(String text, int start, int end) {
        boolean before = start == 0 || MatchText.boundary(text.codePointBefore(start));
        boolean after = end == text.length() || MatchText.boundary(text.codePointAt(end));
        return before && after;
    }
}
