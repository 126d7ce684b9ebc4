package org.ifl.referencevlm;

import java.util.List;
import java.util.Objects;

/**
 * One of the reference VLM's generated artworks: two depicted motifs (drawn in two opposite cells of the image), the
 * artist who painted it, where and when, and the languages an encyclopedia article on it exists in (English first).
 * Its names in each language, its title and its explanations come from {@code ArtLexicon}.
 *
 * @param id        stable, from its motifs: {@code sun-lake}
 * @param artist    lexicon key of the artist
 * @param place     lexicon key of the place it was painted in
 * @param period    lexicon key of the century
 * @param languages ISO 639-1 codes of the languages with an article on it, English first
 */
public record Artwork(String id, Motif first, Motif second, String artist, String place, String period,
        List<String> languages) implements Picture {
    public static final String ENGLISH = "en";

    public Artwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(artist, "artist");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(period, "period");
        languages = List.copyOf(languages);
        if (languages.isEmpty() || !languages.get(0).equals(ENGLISH)) {
            throw new IllegalArgumentException("artwork " + id + ": its languages start with English, were "
                    + languages);
        }
    }

    /** The languages other than English it has an article in: one explanation item each. */
    public List<String> otherLanguages() {
        return languages.subList(1, languages.size());
    }
}
