package org.ifl.lidstream.internal.detect.fasttext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Little-endian reads from a model file that know which section they are in, so that a short file is reported
 * as "truncated in the dictionary" rather than as an {@link java.io.EOFException}.
 */
final class ModelInput {
    private static final int BUFFER_BYTES = 1 << 20;
    /** No word in a real model is anywhere near this long; a longer one means a corrupt dictionary. */
    private static final int MAX_WORD_BYTES = 1 << 20;

    private final ReadableByteChannel channel;
    private final String file;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long consumedFromChannel;
    private String section = "header";

    /** @param size the file's length in bytes, or -1 when unknown */
    ModelInput(ReadableByteChannel channel, String file, long size) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        buffer.limit(0);
    }

    String file() {
        return file;
    }

    void section(String name) {
        this.section = name;
    }

    /** Offset of the next byte to be read. */
    long position() {
        return consumedFromChannel - buffer.remaining();
    }

    /** Bytes left in the file, or -1 when its size is unknown. */
    long remaining() {
        return size < 0 ? -1 : size - position();
    }

    FastTextFormatException error(String problem) {
        return new FastTextFormatException(file, problem);
    }

    private FastTextFormatException truncated(long needed) {
        long end = position() + buffer.remaining();
        return error("truncated in the " + section + ": the " + (size >= 0 ? size + "-byte file" : "stream")
                + " ends at offset " + end + ", during a " + needed + "-byte read at offset " + position());
    }

    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        try {
            while (buffer.position() < bytes) {
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                consumedFromChannel += read;
            }
        } finally {
            buffer.flip();
        }
        if (buffer.remaining() < bytes) {
            throw truncated(bytes);
        }
    }

    int readInt() throws IOException {
        need(4);
        return buffer.getInt();
    }

    long readLong() throws IOException {
        need(8);
        return buffer.getLong();
    }

    double readDouble() throws IOException {
        need(8);
        return buffer.getDouble();
    }

    byte readByte() throws IOException {
        need(1);
        return buffer.get();
    }

    /** A C++ {@code bool}: one byte, 0 or 1. */
    boolean readBool() throws IOException {
        byte value = readByte();
        if (value != 0 && value != 1) {
            throw error("expected a boolean (0 or 1) in the " + section + " at offset " + (position() - 1)
                    + ", found " + (value & 0xFF));
        }
        return value == 1;
    }

    /** The bytes up to the next NUL, which is consumed and not returned. */
    byte[] readNulTerminated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        while (true) {
            need(1);
            int start = buffer.position();
            int end = start;
            int limit = buffer.limit();
            byte[] array = buffer.array();
            while (end < limit && array[end] != 0) {
                end++;
            }
            bytes.write(array, start, end - start);
            if (bytes.size() > MAX_WORD_BYTES) {
                throw error("a word in the " + section + " runs past " + MAX_WORD_BYTES
                        + " bytes without its NUL terminator; the dictionary is corrupt");
            }
            if (end < limit) {
                buffer.position(end + 1);
                return bytes.toByteArray();
            }
            buffer.position(limit);
        }
    }

    void readFully(byte[] destination, int offset, int length) throws IOException {
        while (length > 0) {
            need(1);
            int n = Math.min(length, buffer.remaining());
            buffer.get(destination, offset, n);
            offset += n;
            length -= n;
        }
    }

    void readFloats(float[] destination, int offset, int length) throws IOException {
        while (length > 0) {
            need(Float.BYTES);
            int n = Math.min(length, buffer.remaining() / Float.BYTES);
            buffer.asFloatBuffer().get(destination, offset, n);
            buffer.position(buffer.position() + n * Float.BYTES);
            offset += n;
            length -= n;
        }
    }

    /**
     * Fails early, before allocating, when the file is too short for what a header announces ({@code bytes} is
     * the least it can take).
     */
    void expectAtLeast(long bytes, String what) throws FastTextFormatException {
        long left = remaining();
        if (left >= 0 && left < bytes) {
            throw error("truncated in the " + section + ": " + what + " take(s) " + bytes + " bytes from offset "
                    + position() + ", but only " + left + " remain in the " + size + "-byte file");
        }
    }

    /** Whether anything follows the last section. */
    boolean atEnd() throws IOException {
        if (buffer.hasRemaining()) {
            return false;
        }
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } finally {
            buffer.flip();
        }
        if (read > 0) {
            consumedFromChannel += read;
        }
        return read <= 0;
    }
}
