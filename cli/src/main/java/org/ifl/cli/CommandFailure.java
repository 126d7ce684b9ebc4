package org.ifl.cli;

/** A failure the user can act on: its message is printed as one line, without a stack trace. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
