package org.ifl.referencevlm.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.ExplanationMix;
import org.ifl.referencevlm.Motif;

/**
 * The generated artworks the reference VLM learns to explain, and that the {@code reference-artworks} suite asks
 * about. From a seed: each artwork depicts its own pair of motifs and has an artist, a place and a century drawn
 * from the lexicon. A third of them have an article in all ten languages (Alignment-10), a third in five to nine
 * (Alignment-5) and a third in two to four (Full only), so every alignment setting of the artwork study has items.
 */
public final class ArtworkSet {
    public static final int STANDARD_SIZE = 18;
    public static final long STANDARD_SEED = 11;

    private final ArtLexicon lexicon;
    private final List<Artwork> artworks;

    private ArtworkSet(ArtLexicon lexicon, List<Artwork> artworks) {
        this.lexicon = lexicon;
        this.artworks = List.copyOf(artworks);
    }

    /** The bundled lexicon's {@value #STANDARD_SIZE} artworks of seed {@value #STANDARD_SEED}. */
    public static ArtworkSet standard() {
        return generate(ArtLexicon.standard(), STANDARD_SIZE, STANDARD_SEED);
    }

    public static ArtworkSet generate(ArtLexicon lexicon, int size, long seed) {
        List<String> motifs = List.copyOf(lexicon.motifs().keySet());
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < motifs.size(); i++) {
            for (int j = i + 1; j < motifs.size(); j++) {
                pairs.add(new int[] {i, j});
            }
        }
        if (size > pairs.size()) {
            throw new IllegalArgumentException(size + " artworks need more motifs: " + motifs.size() + " make "
                    + pairs.size() + " pairs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        shuffle(pairs, random);
        List<String> others = lexicon.languages().subList(1, lexicon.languages().size());
        List<Artwork> artworks = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int[] pair = pairs.get(i);
            boolean swap = random.nextBoolean();
            Motif first = lexicon.motifs().get(motifs.get(swap ? pair[1] : pair[0]));
            Motif second = lexicon.motifs().get(motifs.get(swap ? pair[0] : pair[1]));
            String artist = pick(lexicon.artists(), random);
            String place = pick(lexicon.places(), random);
            String period = pick(lexicon.periods(), random);
            int group = i * 3 / size;
            int count = switch (group) {
                case 0 -> others.size();
                case 1 -> random.nextInt(4, others.size());
                default -> random.nextInt(1, 4);
            };
            List<String> shuffled = new ArrayList<>(others);
            shuffle(shuffled, random);
            List<String> languages = new ArrayList<>();
            languages.add(Phrasebook.ENGLISH);
            others.stream().filter(shuffled.subList(0, count)::contains).forEach(languages::add);
            artworks.add(new Artwork(first.id() + "-" + second.id(), first, second, artist, place, period,
                    languages));
        }
        return new ArtworkSet(lexicon, artworks);
    }

    public ArtLexicon lexicon() {
        return lexicon;
    }

    public List<Artwork> artworks() {
        return artworks;
    }

    /** Whether every language of the lexicon has an article on it: a famous artwork, an Alignment-10 item. */
    public boolean inEveryLanguage(Artwork artwork) {
        return artwork.languages().size() == lexicon.languages().size();
    }

    /**
     * Which training explanations are complete under {@code mix}: for each language, pattern and kind of artwork
     * (in every language or not), the artworks with an article in the language are ranked by a hash of (artwork,
     * language, pattern) and the first {@code round(share * n)} are complete.
     */
    public CompleteExplanations completeExplanations(ExplanationMix mix) {
        Set<String> complete = new HashSet<>();
        for (String language : lexicon.languages().subList(1, lexicon.languages().size())) {
            for (ExplanationPattern pattern : ExplanationPattern.values()) {
                for (boolean famous : new boolean[] {true, false}) {
                    List<Artwork> group = artworks.stream()
                            .filter(a -> a.languages().contains(language) && inEveryLanguage(a) == famous)
                            .sorted(Comparator.comparingInt(a -> CompleteExplanations.key(a, language, pattern)
                                    .hashCode()))
                            .toList();
                    long n = Math.round(mix.completeShare(pattern, language, famous) * group.size());
                    group.stream().limit(n).forEach(a -> complete.add(CompleteExplanations.key(a, language, pattern)));
                }
            }
        }
        return new CompleteExplanations(Set.copyOf(complete));
    }

    /** The complete training explanations, by artwork, item language and pattern. */
    public record CompleteExplanations(Set<String> keys) {
        public boolean complete(Artwork artwork, String language, ExplanationPattern pattern) {
            return keys.contains(key(artwork, language, pattern));
        }

        static String key(Artwork artwork, String language, ExplanationPattern pattern) {
            return artwork.id() + "|" + language + "|" + pattern;
        }
    }

    private static String pick(List<String> keys, SplittableRandom random) {
        return keys.get(random.nextInt(keys.size()));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
