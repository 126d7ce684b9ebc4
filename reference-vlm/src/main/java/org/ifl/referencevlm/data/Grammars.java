package org.ifl.referencevlm.data;

import static org.ifl.referencevlm.data.GrammaticalRole.OBJECT;

import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Scene;

/**
 * The grammar of the counted noun phrase in each language: word order, agreement of the colour with the noun,
 * the noun's form after each number word, counters and classifiers. Words come from the {@link Lexicon}; only the
 * choice of form and the order are here.
 */
final class Grammars {
    private static final String MASCULINE = "m";
    private static final String FEMININE = "f";

    private Grammars() {
    }

    static NounPhraseGrammar forLanguage(String language, Lexicon words) {
        return switch (language) {
            case "en" -> (scene, role) -> english(words, scene);
            case "de" -> (scene, role) -> german(words, scene, role);
            case "fr" -> (scene, role) -> french(words, scene);
            case "es" -> (scene, role) -> spanish(words, scene);
            case "ro" -> (scene, role) -> romanian(words, scene);
            case "ru" -> (scene, role) -> russian(words, scene, role);
            case "ar" -> (scene, role) -> arabic(words, scene, role);
            case "he" -> (scene, role) -> hebrew(words, scene);
            case "hi", "ur" -> (scene, role) -> hindustani(words, scene);
            case "bn" -> (scene, role) -> bengali(words, scene);
            case "ja" -> (scene, role) -> japanese(words, scene, role);
            case "zh" -> (scene, role) -> chinese(words, scene);
            case "th" -> (scene, role) -> thai(words, scene);
            default -> throw new IllegalArgumentException("no noun-phrase grammar for language '" + language + "'");
        };
    }

    /** "one red circle", "two red circles". */
    static String english(Lexicon w, Scene s) {
        return join(w.number(Integer.toString(s.count())), w.colour(s.colour(), Lexicon.BASE),
                w.shape(s.shape(), s.count() == 1 ? "sg" : "pl"));
    }

    /**
     * "ein roter Kreis" / "einen roten Kreis", "ein rotes Quadrat", "zwei rote Kreise". With "ein" the adjective
     * takes the mixed declension (the article shows the case only where it can); after a bare numeral, the strong
     * plural "-e", the same as subject and object.
     */
    static String german(Lexicon w, Scene s, GrammaticalRole role) {
        String stem = w.colour(s.colour(), Lexicon.BASE);
        if (s.count() > 1) {
            return join(w.number(Integer.toString(s.count())), stem + "e", w.shape(s.shape(), "pl"));
        }
        String gender = w.gender(s.shape());
        boolean masculineObject = gender.equals(MASCULINE) && role == OBJECT;
        String article = masculineObject ? "einen" : gender.equals(FEMININE) ? "eine" : "ein";
        String ending = masculineObject ? "en" : switch (gender) {
            case MASCULINE -> "er";
            case FEMININE -> "e";
            default -> "es";
        };
        return join(article, stem + ending, w.shape(s.shape(), "sg"));
    }

    /** "un cercle rouge", "une étoile verte", "deux étoiles vertes": the colour follows the noun and agrees with it. */
    static String french(Lexicon w, Scene s) {
        String gender = w.gender(s.shape());
        boolean plural = s.count() > 1;
        String colour = w.colour(s.colour(), Lexicon.BASE);
        if (gender.equals(FEMININE) && !colour.endsWith("e")) {
            colour += "e";
        }
        if (plural && !colour.endsWith("s") && !colour.endsWith("x")) {
            colour += "s";
        }
        String number = s.count() == 1 ? w.number("1." + gender) : w.number(Integer.toString(s.count()));
        return join(number, w.shape(s.shape(), plural ? "pl" : "sg"), colour);
    }

    /** "un círculo rojo", "una estrella roja", "dos círculos azules": -o adjectives mark gender, all mark number. */
    static String spanish(Lexicon w, Scene s) {
        String gender = w.gender(s.shape());
        boolean plural = s.count() > 1;
        String colour = w.colour(s.colour(), Lexicon.BASE);
        if (gender.equals(FEMININE) && colour.endsWith("o")) {
            colour = colour.substring(0, colour.length() - 1) + "a";
        }
        if (plural) {
            colour += isVowel(colour.charAt(colour.length() - 1)) ? "s" : "es";
        }
        String number = s.count() == 1 ? w.number("1." + gender) : w.number(Integer.toString(s.count()));
        return join(number, w.shape(s.shape(), plural ? "pl" : "sg"), colour);
    }

    /**
     * "un cerc roșu" but "două cercuri roșii": Romanian neuters agree as masculines in the singular and as
     * feminines in the plural, numeral "două" included.
     */
    static String romanian(Lexicon w, Scene s) {
        String gender = w.gender(s.shape());
        boolean plural = s.count() > 1;
        String agreement = gender.equals("n") ? (plural ? FEMININE : MASCULINE) : gender;
        String number = s.count() <= 2 ? w.number(s.count() + "." + agreement) : w.number(Integer.toString(s.count()));
        return join(number, w.shape(s.shape(), plural ? "pl" : "sg"),
                w.colour(s.colour(), agreement + (plural ? ".pl" : ".sg")));
    }

    /**
     * After "один/одна" noun and adjective agree in the sentence's case ("одну красную звезду" as an object). After
     * 2-4 the noun is genitive singular and the adjective genitive plural with masculines ("два красных круга") but
     * nominative plural with feminines ("две красные звезды"); shapes are inanimate, so the object is as the subject.
     */
    static String russian(Lexicon w, Scene s, GrammaticalRole role) {
        String gender = w.gender(s.shape());
        boolean feminine = gender.equals(FEMININE);
        boolean feminineObject = feminine && role == OBJECT;
        if (s.count() == 1) {
            return join(w.number(feminineObject ? "1.f.acc" : "1." + gender),
                    w.colour(s.colour(), feminineObject ? "f.acc" : gender + ".nom"),
                    w.shape(s.shape(), role == OBJECT ? "acc" : "nom"));
        }
        String number = s.count() == 2 ? w.number("2." + gender) : w.number(Integer.toString(s.count()));
        return join(number, w.colour(s.colour(), feminine ? "pl.nom" : "pl.gen"), w.shape(s.shape(), "gen"));
    }

    /**
     * One: noun, colour, then "واحد" agreeing with it ("مربعًا أحمر واحدًا" as an object). Two: the dual, of noun and
     * colour, no numeral ("دائرتان حمراوان", object "دائرتين حمراوين"). Three and four: the numeral takes the gender
     * opposite to the noun's ("ثلاثة مربعات", "ثلاث دوائر"; the lexicon files each under the noun's gender), the
     * noun is plural, and the colour of a non-human plural is feminine singular ("أربع نجوم صفراء").
     */
    static String arabic(Lexicon w, Scene s, GrammaticalRole role) {
        String gender = w.gender(s.shape());
        String accusative = role == OBJECT ? ".acc" : "";
        return switch (s.count()) {
            case 1 -> join(w.shape(s.shape(), "sg" + accusative), w.colour(s.colour(), gender + ".sg"),
                    w.number("1." + gender + accusative));
            case 2 -> join(w.shape(s.shape(), "du" + accusative), w.colour(s.colour(), gender + ".du" + accusative));
            default -> join(w.number(s.count() + "." + gender), w.shape(s.shape(), "pl"),
                    w.colour(s.colour(), "f.sg"));
        };
    }

    /**
     * One follows the noun ("עיגול אדום אחד"); two to four precede it, "two" in its construct form ("שני עיגולים"),
     * three and four with the opposite-gender ending, filed under the noun's gender ("שלושה עיגולים"). The colour
     * agrees in gender and number.
     */
    static String hebrew(Lexicon w, Scene s) {
        String gender = w.gender(s.shape());
        if (s.count() == 1) {
            return join(w.shape(s.shape(), "sg"), w.colour(s.colour(), gender + ".sg"), w.number("1." + gender));
        }
        return join(w.number(s.count() + "." + gender), w.shape(s.shape(), "pl"), w.colour(s.colour(), gender + ".pl"));
    }

    /**
     * Hindi and Urdu share it: number, colour, noun. Colours ending in -ā inflect ("नीला तारा", "दो नीले तारे",
     * feminine "नीली"); the rest do not ("लाल", "سرخ"). Nouns are in the direct case; the sentence's verb
     * (है/हैं) is the template's.
     */
    static String hindustani(Lexicon w, Scene s) {
        boolean plural = s.count() > 1;
        String colourForm = w.gender(s.shape()).equals(FEMININE) ? FEMININE : plural ? "m.pl" : "m.sg";
        return join(w.number(Integer.toString(s.count())), w.colour(s.colour(), colourForm),
                w.shape(s.shape(), plural ? "pl" : "sg"));
    }

    /** Number with its classifier ("দুটি"), colour, and the noun unmarked for number: "দুটি লাল বৃত্ত". */
    static String bengali(Lexicon w, Scene s) {
        return join(w.number(Integer.toString(s.count())), w.colour(s.colour(), Lexicon.BASE),
                w.shape(s.shape(), Lexicon.BASE));
    }

    /** Colour, noun, case particle, then the number with its counter, no spaces: "赤い円が二つ", "赤い円を二つ". */
    static String japanese(Lexicon w, Scene s, GrammaticalRole role) {
        return w.colour(s.colour(), Lexicon.BASE) + w.shape(s.shape(), Lexicon.BASE) + (role == OBJECT ? "を" : "が")
                + w.number(Integer.toString(s.count()));
    }

    /** Number, the noun's measure word, colour with 的, noun, no spaces: "两个红色的圆", "三颗黄色的星星". */
    static String chinese(Lexicon w, Scene s) {
        return w.number(Integer.toString(s.count())) + w.shape(s.shape(), "measure")
                + w.colour(s.colour(), Lexicon.BASE) + "的" + w.shape(s.shape(), "noun");
    }

    /** Noun, colour, number, then the noun's classifier, no spaces: "วงกลมสีแดงสองวง", "ดาวสีเหลืองสามดวง". */
    static String thai(Lexicon w, Scene s) {
        return w.shape(s.shape(), "noun") + w.colour(s.colour(), Lexicon.BASE) + w.number(Integer.toString(s.count()))
                + w.shape(s.shape(), "classifier");
    }

    private static String join(String... words) {
        return String.join(" ", words);
    }

    private static boolean isVowel(char c) {
        return "aeiouáéíóú".indexOf(c) >= 0;
    }
}
