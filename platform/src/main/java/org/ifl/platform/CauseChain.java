package org.ifl.platform;

import java.net.BindException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An exception and its causes as one readable line: each distinct message once, outermost first, wrappers
 * that only repeat their cause left out. A port already in use is said in those words.
 */
public final class CauseChain {
    private CauseChain() {
    }

    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof ExecutionException || t instanceof CompletionException) {
                continue; // future wrappers: their message is their cause's toString()
            }
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            message = message.strip();
            if (!alreadySaid(parts, message)) {
                parts.add(message);
            }
        }
        String line = String.join(": ", parts).replaceAll("\\s*\\R\\s*", " ");
        if (contains(failure, BindException.class) && !line.toLowerCase().contains("address already in use")) {
            line += " (address already in use)";
        }
        return line;
    }

    /** Whether {@code failure} or one of its causes is a {@code type}. */
    public static boolean contains(Throwable failure, Class<? extends Throwable> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code message} adds nothing to what an outer exception already said. */
    private static boolean alreadySaid(List<String> parts, String message) {
        for (String part : parts) {
            if (part.contains(message)) {
                return true;
            }
        }
        return false;
    }
}
