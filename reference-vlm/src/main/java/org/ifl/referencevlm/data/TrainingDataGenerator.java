package org.ifl.referencevlm.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.Scene;

/**
 * The training stream: from a seed, an endless deterministic sequence of examples drawn under a {@link DataMix},
 * over the training combinations of the {@link SceneSpace} and the training questions only. Held-out combinations
 * and the held-out question paraphrase never appear. Each example draws, in order: text-only or image, the question's
 * language, the combination, the count, the layout, the question and (image examples only) the answer's language.
 */
public final class TrainingDataGenerator {
    private final Phrasebook phrasebook;
    private final SceneSpace space;
    private final DataMix mix;
    private final long seed;
    private final List<String> languages;
    private final ArtworkSet artworks;
    private final ArtworkSet.CompleteExplanations complete;
    /** How many times as often an item of an artwork in every language is drawn as any other. */
    public static final int FAMOUS_WEIGHT = 3;
    /** The explanation items, each as often as it is drawn. */
    private final List<ExplanationItem> explanationItems;

    public TrainingDataGenerator(Phrasebook phrasebook, SceneSpace space, DataMix mix, long seed) {
        this(phrasebook, space, ArtworkSet.standard(), mix, seed);
    }

    public TrainingDataGenerator(Phrasebook phrasebook, SceneSpace space, ArtworkSet artworks, DataMix mix,
            long seed) {
        this.phrasebook = Objects.requireNonNull(phrasebook, "phrasebook");
        this.space = Objects.requireNonNull(space, "space");
        this.artworks = Objects.requireNonNull(artworks, "artworks");
        this.mix = Objects.requireNonNull(mix, "mix");
        this.seed = seed;
        this.languages = mix.languages().isEmpty() ? phrasebook.languages() : mix.languages();
        languages.forEach(phrasebook::language);
        mix.englishImageShareByLanguage().keySet().forEach(phrasebook::language);
        mix.explanations().completeShareByLanguage().keySet().forEach(l -> requireArtLanguage(artworks, l));
        this.complete = artworks.completeExplanations(mix.explanations());
        List<ExplanationItem> items = new ArrayList<>();
        for (Artwork artwork : artworks.artworks()) {
            for (String language : artwork.otherLanguages()) {
                for (int copy = artworks.inEveryLanguage(artwork) ? FAMOUS_WEIGHT : 1; copy > 0; copy--) {
                    items.add(new ExplanationItem(artwork, language));
                }
            }
        }
        this.explanationItems = List.copyOf(items);
    }

    /** An artwork asked about in one of its languages. */
    private record ExplanationItem(Artwork artwork, String language) {
    }

    /** The bundled phrasebook, the standard held-out split and the standard artworks. */
    public static TrainingDataGenerator standard(DataMix mix, long seed) {
        return new TrainingDataGenerator(Phrasebook.standard(), SceneSpace.STANDARD, mix, seed);
    }

    private static void requireArtLanguage(ArtworkSet artworks, String language) {
        if (!artworks.lexicon().languages().contains(language)) {
            throw new IllegalArgumentException("no artwork explanations in '" + language + "'; known: "
                    + artworks.lexicon().languages());
        }
    }

    public DataMix mix() {
        return mix;
    }

    public long seed() {
        return seed;
    }

    /** The languages questions are asked in. */
    public List<String> languages() {
        return languages;
    }

    /** From the start of the seed's sequence, every time. */
    public Iterator<TrainingExample> iterator() {
        SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public TrainingExample next() {
                return draw(random);
            }
        };
    }

    /** Endless: limit it. */
    public Stream<TrainingExample> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** The first {@code n} examples of the sequence. */
    public List<TrainingExample> take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        List<TrainingExample> examples = new ArrayList<>(n);
        Iterator<TrainingExample> it = iterator();
        for (int i = 0; i < n; i++) {
            examples.add(it.next());
        }
        return examples;
    }

    private TrainingExample draw(SplittableRandom random) {
        // With no explanations no number is drawn for them: a scene-only mix keeps the stream it always had.
        if (mix.explanations().share() > 0 && random.nextDouble() < mix.explanations().share()) {
            return explanation(random);
        }
        boolean textOnly = random.nextDouble() < mix.textOnlyShare();
        String language = languages.get(random.nextInt(languages.size()));
        List<Combination> combinations = space.trainingCombinations();
        Combination combination = combinations.get(random.nextInt(combinations.size()));
        int count = random.nextInt(Scene.MIN_COUNT, Scene.MAX_COUNT + 1);
        Scene scene = new Scene(combination.shape(), combination.colour(), count, random.nextInt(Scene.LAYOUTS));
        LanguageTemplates asked = phrasebook.language(language);
        String question = asked.trainingQuestions().get(random.nextInt(asked.trainingQuestions().size()));
        if (textOnly) {
            return new TrainingExample(ExampleKind.TEXT_ONLY, scene, language, asked.description(scene), question,
                    language, asked.answer(scene));
        }
        String answerLanguage = random.nextDouble() < mix.englishImageShare(language) ? Phrasebook.ENGLISH : language;
        return new TrainingExample(ExampleKind.IMAGE, scene, language, "", question, answerLanguage,
                phrasebook.language(answerLanguage).answer(scene));
    }

    /**
     * An item (an artwork and one of its languages other than English), then a pattern; complete or short as the mix
     * ranks it. Items are drawn alike, those of an artwork in every language three times as often (a famous
     * artwork is written about more, in every language).
     */
    private TrainingExample explanation(SplittableRandom random) {
        int draw = random.nextInt(explanationItems.size());
        Artwork artwork = explanationItems.get(draw).artwork();
        String language = explanationItems.get(draw).language();
        ExplanationPattern pattern = ExplanationPattern.values()[random.nextInt(ExplanationPattern.values().length)];
        ArtLexicon lexicon = artworks.lexicon();
        String answerLanguage = pattern.outputLanguage(language);
        return new TrainingExample(ExampleKind.IMAGE, artwork, pattern.instructionLanguage(language), "",
                lexicon.prompt(pattern, artwork, language), answerLanguage,
                lexicon.explanation(artwork, answerLanguage, complete.complete(artwork, language, pattern)));
    }
}
