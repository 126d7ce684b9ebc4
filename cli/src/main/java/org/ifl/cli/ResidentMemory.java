package org.ifl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/** This JVM's resident set size, as the kernel reports it in {@code /proc/self/status} (Linux only). */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Bytes resident now, or empty where {@code /proc} cannot tell. */
    static OptionalLong bytes() {
        return read("VmRSS:");
    }

    /** The most bytes ever resident (the high-water mark), or empty where {@code /proc} cannot tell. */
    static OptionalLong peakBytes() {
        return read("VmHWM:");
    }

    /** "412.3 MiB", or "n/a" where it cannot be read. */
    static String describe() {
        OptionalLong bytes = bytes();
        return bytes.isPresent() ? mebibytes(bytes.getAsLong()) : "n/a";
    }

    /** The peak, as {@link #describe()}. */
    static String describePeak() {
        OptionalLong bytes = peakBytes();
        return bytes.isPresent() ? mebibytes(bytes.getAsLong()) : "n/a";
    }

    private static OptionalLong read(String field) {
        try {
            return parse(Files.readString(STATUS), field);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS:  123456 kB} line of a {@code /proc/<pid>/status} text, in bytes. */
    static OptionalLong parseVmRss(String status) {
        return parse(status, "VmRSS:");
    }

    /** A {@code <field>  123456 kB} line of a {@code /proc/<pid>/status} text, in bytes. */
    static OptionalLong parse(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                String[] fields = line.substring(field.length()).trim().split("\\s+");
                long value = Long.parseLong(fields[0]);
                if (fields.length > 1 && !fields[1].equalsIgnoreCase("kB")) {
                    return OptionalLong.empty(); // the kernel has only ever said kB; do not guess
                }
                return OptionalLong.of(value * 1024);
            }
        }
        return OptionalLong.empty();
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
