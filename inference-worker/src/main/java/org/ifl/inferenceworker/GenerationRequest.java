package org.ifl.inferenceworker;

import java.util.Objects;
import org.ifl.schemas.avro.Arm;

/**
 * One query as a backend sees it.
 *
 * @param queryId          the query's id, for messages
 * @param arm              TEXT sends {@code description} in place of the image; IMAGE and IMAGE_REMEDY send
 *                         {@code image}
 * @param prompt           the question or instruction
 * @param description      the image's description (TEXT arm); may be null on the image arms
 * @param image            the decoded image (image arms); null on the TEXT arm
 * @param expectedLanguage ISO 639-1 code of the answer's language: what a steering vector steers towards
 * @param maxNewTokens     the most tokens the answer may have
 */
public record GenerationRequest(String queryId, Arm arm, String prompt, String description, QueryImage image,
        String expectedLanguage, int maxNewTokens) {

    public GenerationRequest {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(expectedLanguage, "expectedLanguage");
        if (arm == Arm.TEXT && description == null) {
            throw new IllegalArgumentException(queryId + ": a TEXT-arm request needs the description");
        }
        if (arm != Arm.TEXT && image == null) {
            throw new IllegalArgumentException(queryId + ": an " + arm + " request needs its image");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException(queryId + ": maxNewTokens must be at least 1, not " + maxNewTokens);
        }
    }

    /** The description and the question as one text, for backends that take a single text on the TEXT arm. */
    public String textWithDescription() {
        return description + "\n" + prompt;
    }
}
