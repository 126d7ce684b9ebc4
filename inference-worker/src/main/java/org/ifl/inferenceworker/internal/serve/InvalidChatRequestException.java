package org.ifl.inferenceworker.internal.serve;

/** A chat-completions request the server refuses with 400; {@code param} names the offending field. */
public final class InvalidChatRequestException extends Exception {
    private final String param;

    public InvalidChatRequestException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The field at fault, as a JSON path such as {@code messages[0].content}; null when it is the whole body. */
    public String param() {
        return param;
    }
}
