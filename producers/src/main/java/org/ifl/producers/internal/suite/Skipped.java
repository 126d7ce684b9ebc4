package org.ifl.producers.internal.suite;

import org.ifl.producers.Origin;

/**
 * An item left out, and why (no description to put in place of the image, an image that does not decode):
 * reported in the summary, never silently dropped, and never fatal to the rest of the suite.
 */
public record Skipped(String itemId, String language, Origin origin, String reason) {

    @Override
    public String toString() {
        return origin + ": item " + itemId + " (" + language + "): " + reason;
    }
}
