package org.ifl.benchmarks;

/** Checks of a benchmark's options that name the option and the value refused. */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** Refuses {@code value} below {@code least}: "{what} must be at least {least}, not {value}". */
    public static void atLeast(String what, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(what + " must be at least " + least + ", not " + value);
        }
    }
}
