package org.ifl.benchmarks.lid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes GNU MO files as msgfmt lays them out, for tests: header (magic, revision 0, N, offset of the
 * originals table, offset of the translations table, hash table size 0 and offset), the two tables of
 * (length, offset) pairs, then the NUL-terminated strings, originals sorted as msgfmt sorts them.
 */
final class MoFileWriter {
    private final List<String[]> entries = new ArrayList<>();
    private Charset charset = StandardCharsets.UTF_8;

    /** A header entry (empty msgid) naming {@code charset}; strings are written in it. */
    MoFileWriter header(String charsetName) {
        charset = Charset.forName(charsetName);
        entries.add(new String[] {"", "Project-Id-Version: test 1.0\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=" + charsetName + "\nContent-Transfer-Encoding: 8bit\n"
                + "Plural-Forms: nplurals=2; plural=(n != 1);\n"});
        return this;
    }

    MoFileWriter message(String msgid, String msgstr) {
        entries.add(new String[] {msgid, msgstr});
        return this;
    }

    MoFileWriter message(String context, String msgid, String msgstr) {
        entries.add(new String[] {context + '\u0004' + msgid, msgstr});
        return this;
    }

    MoFileWriter plural(String msgid, String msgidPlural, String... forms) {
        entries.add(new String[] {msgid + '\0' + msgidPlural, String.join("\0", forms)});
        return this;
    }

    byte[] bytes(ByteOrder order) {
        List<byte[][]> encoded = new ArrayList<>();
        for (String[] entry : entries) {
            encoded.add(new byte[][] {entry[0].getBytes(charset), entry[1].getBytes(charset)});
        }
        encoded.sort(Comparator.comparing(e -> e[0], Arrays::compareUnsigned));
        int n = encoded.size();
        int originals = 28;
        int translations = originals + 8 * n;
        int strings = translations + 8 * n;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer tables = ByteBuffer.allocate(16 * n).order(order);
        for (int column = 0; column < 2; column++) {
            for (byte[][] entry : encoded) {
                tables.putInt(entry[column].length).putInt(strings + data.size());
                data.writeBytes(entry[column]);
                data.write(0);
            }
        }
        ByteBuffer header = ByteBuffer.allocate(28).order(order);
        header.putInt(MessageCatalog.MAGIC).putInt(0).putInt(n).putInt(originals).putInt(translations)
                .putInt(0).putInt(strings);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header.array());
        file.writeBytes(tables.array());
        file.writeBytes(data.toByteArray());
        return file.toByteArray();
    }

    Path write(Path file, ByteOrder order) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes(order));
    }
}
