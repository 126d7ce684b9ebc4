package org.ifl.producers.internal.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * The physical lines of a replay file, read one at a time in constant memory: each line's bytes are decoded as
 * UTF-8 on their own, so a byte that is not UTF-8 is a problem naming its line and position, and a line longer
 * than {@code maxLineBytes} is a problem without being held. A leading byte order mark and a line's trailing
 * carriage return are dropped. Every byte of the file goes through a SHA-256 digest, whose first 8 bytes name a
 * run the file does not name ({@link ReplayIds#runIdOf}).
 */
final class ReplayLines implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final InputStream in;
    private final int maxLineBytes;
    private final InputProblems problems;
    private final LongConsumer bytesRead;
    private final MessageDigest digest;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[CHUNK];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private CharBuffer chars = CharBuffer.allocate(1024);
    private long number;
    private boolean ended;

    /**
     * @param maxLineBytes the longest line read; a longer one is a problem and is skipped
     * @param bytesRead    told how many bytes were read each time the file is read from
     */
    ReplayLines(Path path, int maxLineBytes, InputProblems problems, LongConsumer bytesRead) throws IOException {
        this.path = path;
        this.in = Files.newInputStream(path);
        this.maxLineBytes = maxLineBytes;
        this.problems = problems;
        this.bytesRead = bytesRead;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    Path path() {
        return path;
    }

    /** The number (1-based) of the line {@link #next} returned last. */
    long number() {
        return number;
    }

    /**
     * The next line's text without its line end, "" for a blank line; a line that is too long or not UTF-8 is
     * a problem and comes back as null (its number counted). Throws {@link java.util.NoSuchElementException}
     * past the end: ask {@link #hasNext} first.
     */
    String next() throws IOException {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("past the end of " + path);
        }
        number++;
        int length = 0;
        long skipped = 0;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                break;
            }
            int end = indexOfNewline(chunkStart, chunkEnd);
            int stop = end < 0 ? chunkEnd : end;
            int n = stop - chunkStart;
            if (skipped > 0 || (long) length + n > maxLineBytes) {
                skipped += (skipped == 0 ? length : 0) + n;
                length = 0;
            } else {
                ensureLine(length + n);
                System.arraycopy(chunk, chunkStart, line, length, n);
                length += n;
            }
            chunkStart = stop;
            if (end >= 0) {
                chunkStart++;
                break;
            }
        }
        if (skipped > 0) {
            problems.add(new InputProblem(path, number, null, String.format(Locale.ROOT,
                    "the line is %,d bytes long, more than the %,d a line may have (see docs/replay.md)", skipped,
                    maxLineBytes)));
            return null;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        return decode(start, length);
    }

    /** True when there is another line: the file does not end here, or ends with a line without a newline. */
    boolean hasNext() throws IOException {
        return chunkStart < chunkEnd || fill();
    }

    /** The SHA-256 of every byte read so far: of the whole file once {@link #hasNext} said false. */
    byte[] sha256() {
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n = in.readNBytes(chunk, 0, CHUNK);
        if (n <= 0) {
            ended = true;
            return false;
        }
        digest.update(chunk, 0, n);
        bytesRead.accept(n);
        chunkStart = 0;
        chunkEnd = n;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void ensureLine(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, Math.min(2 * line.length, maxLineBytes)));
        }
    }

    private String decode(int start, int end) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        if (chars.capacity() < end - start) {
            chars = CharBuffer.allocate(end - start);
        }
        chars.clear();
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            StringBuilder found = new StringBuilder();
            for (int i = at; i < Math.min(at + result.length(), end); i++) {
                found.append(found.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", line[i] & 0xFF));
            }
            problems.add(new InputProblem(path, number, null, "not UTF-8 at byte " + (at - start + 1)
                    + " of the line: " + found + (result.isMalformed() ? " is not a UTF-8 character"
                            : " names no character") + "; save the file as UTF-8"));
            return null;
        }
        chars.flip();
        return chars.toString();
    }
}
