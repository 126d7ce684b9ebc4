package org.ifl.benchmarks.lid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GNU gettext binary message catalog (a {@code .mo} file), read as the GNU gettext manual's "The Format of
 * GNU MO Files" lays it out: the magic number 0x950412de written in the producer's byte order (so it reads
 * as 0xde120495 in the other one), the file format revision, the number N of strings, and the offsets of
 * the table of original strings and of the table of translations; each table holds N (length, offset) pairs
 * of 32-bit integers pointing at NUL-terminated strings.
 *
 * <p>An original string is {@code msgctxt EOT msgid}, the msgid possibly followed by NUL and its plural form;
 * a translation of a plural entry holds its forms separated by NUL. The entry with an empty msgid is the
 * header, whose {@code Content-Type} names the charset of every string. Revision 1 catalogs may also hold
 * system-dependent strings (with {@code <PRIu64>}-style segments) in extra tables; those are not read.
 */
public final class MessageCatalog {
    /** The magic number, as written by a producer in its own byte order. */
    public static final int MAGIC = 0x950412de;

    private static final int HEADER_BYTES = 28;
    private static final char CONTEXT_SEPARATOR = '\u0004';
    private static final Pattern CHARSET = Pattern.compile("(?im)^Content-Type:.*?charset=([^\\s;]+)");

    /**
     * One message: its context (null without one), its msgid, the msgid's plural form (null for a
     * message without plural forms), and its translation, one element per plural form.
     */
    public record Message(String context, String msgid, String msgidPlural, List<String> translations) {
        public Message {
            translations = List.copyOf(translations);
        }
    }

    private final ByteOrder byteOrder;
    private final int revision;
    private final Charset charset;
    private final String header;
    private final List<Message> messages;

    private MessageCatalog(ByteOrder byteOrder, int revision, Charset charset, String header,
            List<Message> messages) {
        this.byteOrder = byteOrder;
        this.revision = revision;
        this.charset = charset;
        this.header = header;
        this.messages = List.copyOf(messages);
    }

    public static MessageCatalog read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static MessageCatalog parse(byte[] bytes) throws IOException {
        if (bytes.length < HEADER_BYTES) {
            throw new IOException("not a .mo catalog: " + bytes.length + " bytes, shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != MAGIC) {
            if (Integer.reverseBytes(magic) != MAGIC) {
                throw new IOException(String.format(Locale.ROOT,
                        "not a .mo catalog: magic number 0x%08x is neither 0x%08x nor its byte-swapped form",
                        magic, MAGIC));
            }
            in.order(ByteOrder.BIG_ENDIAN);
        }
        int revision = in.getInt(4);
        if (revision >>> 16 > 1) {
            throw new IOException("unsupported .mo revision " + (revision >>> 16) + "." + (revision & 0xffff)
                    + " (major revisions 0 and 1 are known)");
        }
        long count = Integer.toUnsignedLong(in.getInt(8));
        long originals = Integer.toUnsignedLong(in.getInt(12));
        long translations = Integer.toUnsignedLong(in.getInt(16));
        checkTable("original", originals, count, bytes.length);
        checkTable("translation", translations, count, bytes.length);

        byte[][] rawOriginals = new byte[(int) count][];
        byte[][] rawTranslations = new byte[(int) count][];
        for (int i = 0; i < count; i++) {
            rawOriginals[i] = string(in, bytes, "original", originals, i);
            rawTranslations[i] = string(in, bytes, "translation", translations, i);
        }

        // The header says which charset every string is in; it is the entry with an empty original.
        String header = null;
        for (int i = 0; i < count; i++) {
            if (rawOriginals[i].length == 0) {
                header = new String(rawTranslations[i], StandardCharsets.UTF_8);
            }
        }
        Charset charset = charsetOf(header);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (rawOriginals[i].length == 0) {
                continue;
            }
            String original = new String(rawOriginals[i], charset);
            String context = null;
            int separator = original.indexOf(CONTEXT_SEPARATOR);
            if (separator >= 0) {
                context = original.substring(0, separator);
                original = original.substring(separator + 1);
            }
            if (original.isEmpty()) {
                continue; // a header-like entry under a context: no message
            }
            int plural = original.indexOf('\0');
            String msgid = plural < 0 ? original : original.substring(0, plural);
            String msgidPlural = plural < 0 ? null : original.substring(plural + 1);
            List<String> forms = Arrays.asList(new String(rawTranslations[i], charset).split("\0", -1));
            messages.add(new Message(context, msgid, msgidPlural, forms));
        }
        return new MessageCatalog(in.order(), revision, charset, header == null ? "" : header, messages);
    }

    private static void checkTable(String name, long offset, long count, int size) throws IOException {
        if (offset + count * 8 > size) {
            throw new IOException("the " + name + " table (" + count + " entries at offset " + offset
                    + ") runs past the end of the file (" + size + " bytes)");
        }
    }

    private static byte[] string(ByteBuffer in, byte[] bytes, String table, long tableOffset, int index)
            throws IOException {
        int entry = (int) (tableOffset + 8L * index);
        long length = Integer.toUnsignedLong(in.getInt(entry));
        long offset = Integer.toUnsignedLong(in.getInt(entry + 4));
        if (offset + length > bytes.length) {
            throw new IOException(table + " string " + index + " (" + length + " bytes at offset " + offset
                    + ") runs past the end of the file (" + bytes.length + " bytes)");
        }
        return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
    }

    /** The charset the header names; UTF-8 where it names none, a placeholder, or one Java lacks. */
    static Charset charsetOf(String header) {
        if (header == null) {
            return StandardCharsets.UTF_8;
        }
        Matcher m = CHARSET.matcher(header);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8; // "CHARSET", the unfilled template value, among others
        }
    }

    /** The byte order the catalog was written in. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The file format revision: major in the upper 16 bits, minor in the lower. */
    public int revision() {
        return revision;
    }

    public Charset charset() {
        return charset;
    }

    /** The header entry's text (Project-Id-Version, Content-Type, Plural-Forms, ...); empty without one. */
    public String header() {
        return header;
    }

    /** Every message but the header, in the catalog's order. */
    public List<Message> messages() {
        return messages;
    }
}
