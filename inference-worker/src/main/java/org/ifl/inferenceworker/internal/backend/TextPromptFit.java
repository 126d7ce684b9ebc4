package org.ifl.inferenceworker.internal.backend;

import java.text.BreakIterator;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.internal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a TEXT-arm prompt (the image's description, then the question) and its answer into a model's positions.
 * The question is kept whole and the answer keeps its budget, as on the image arms, so that the arms stay
 * comparable; what does not fit is the description's end, cut where a line may break (between words; between
 * characters in scripts without spaces), else between characters. Only when the question alone leaves less than
 * the budget is the description dropped and the budget cut to what is left. A shortened description is logged at
 * INFO, the first in full, then at most once a minute with the count since.
 */
public final class TextPromptFit {
    private static final Logger LOG = LoggerFactory.getLogger(TextPromptFit.class);
    private static final RateLimitedLog SHORTENED = new RateLimitedLog(LOG::info, Duration.ofMinutes(1),
            System::nanoTime);

    /**
     * The prompt to send.
     *
     * @param description the description, whole or its beginning
     * @param budget      the most tokens the answer may have
     * @param dropped     the description's characters left out
     */
    public record Fitted(String description, int budget, int dropped) {
        public boolean shortened() {
            return dropped > 0;
        }
    }

    private TextPromptFit() {
    }

    /**
     * The TEXT-arm request {@code r}'s prompt, fitted; a shortened description is logged.
     *
     * @param positions    the model's positions: prompt and answer together
     * @param promptLength the prompt's length in tokens with a given description (and r's question)
     * @return the prompt's description and the answer's budget; null when the question alone leaves no room
     */
    public static Fitted fit(GenerationRequest r, int positions, ToIntFunction<String> promptLength) {
        Fitted fitted = fit(r.description(), r.expectedLanguage(), r.maxNewTokens(), positions, promptLength);
        if (fitted != null && fitted.shortened()) {
            SHORTENED.record("TEXT-arm description shortened", "query " + r.queryId() + ": its last "
                    + fitted.dropped() + " of " + r.description().codePointCount(0, r.description().length())
                    + " characters left out, so that the prompt and a " + fitted.budget() + "-token answer fit the "
                    + "model's " + positions + " positions");
        }
        return fitted;
    }

    /**
     * @param description  the query's description
     * @param language     ISO 639-1 code of the description, for where its lines may break
     * @param maxNewTokens the answer's budget
     * @param positions    the model's positions: prompt and answer together
     * @param promptLength the prompt's length in tokens with a given description
     * @return the prompt's description and the answer's budget; null when the question alone leaves no room
     */
    public static Fitted fit(String description, String language, int maxNewTokens, int positions,
            ToIntFunction<String> promptLength) {
        if (promptLength.applyAsInt(description) + maxNewTokens <= positions) {
            return new Fitted(description, maxNewTokens, 0);
        }
        int room = positions - maxNewTokens;
        String kept = longestPrefix(description, language, room, promptLength);
        if (kept != null) {
            return new Fitted(kept, maxNewTokens, description.codePointCount(kept.length(), description.length()));
        }
        int left = positions - promptLength.applyAsInt("");
        return left < 1 ? null : new Fitted("", left, description.codePointCount(0, description.length()));
    }

    /** The longest non-empty beginning of {@code text} whose prompt takes at most {@code room} tokens, or null. */
    private static String longestPrefix(String text, String language, int room, ToIntFunction<String> promptLength) {
        BreakIterator lines = BreakIterator.getLineInstance(language == null ? Locale.ROOT
                : Locale.forLanguageTag(language));
        lines.setText(text);
        String best = longestPrefix(text, lines, room, promptLength);
        if (best != null) {
            return best;
        }
        // One word longer than the room: cut it between characters (never inside one).
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        return longestPrefix(text, characters, room, promptLength);
    }

    private static String longestPrefix(String text, BreakIterator boundaries, int room,
            ToIntFunction<String> promptLength) {
        for (int end = boundaries.last(); end != BreakIterator.DONE && end > 0; end = boundaries.previous()) {
            String prefix = text.substring(0, end).stripTrailing();
            if (!prefix.isEmpty() && promptLength.applyAsInt(prefix) <= room) {
                return prefix;
            }
        }
        return null;
    }
}
