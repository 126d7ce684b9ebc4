package org.ifl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A container image in Docker's tar format ({@code docker save}, Jib's {@code buildTar}): {@code manifest.json}, the
 * image's config JSON, and its layers (gzipped tars) applied in the manifest's order, whiteouts included, into the
 * file system a container would see. Each layer's uncompressed digest is checked against the config's
 * {@code rootfs.diff_ids}. Optionally the file system is also written to a directory, with its modes.
 */
final class ImageTar {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files up to this size keep their content ({@link #text}): passwd, the class-path file. */
    private static final int KEPT_CONTENT = 64 * 1024;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** One path of the image's file system: its mode (permission bits), owner, kind and size. */
    record Entry(String path, int mode, long uid, long gid, boolean directory, boolean symbolicLink, long size) {
        boolean executableByAll() {
            return (mode & 0111) == 0111;
        }

        boolean writableByAll() {
            return (mode & 0002) != 0;
        }
    }

    private final JsonNode manifest;
    private final JsonNode config;
    private final Map<String, Entry> files;
    private final Map<String, byte[]> contents;

    private ImageTar(JsonNode manifest, JsonNode config, Map<String, Entry> files, Map<String, byte[]> contents) {
        this.manifest = manifest;
        this.config = config;
        this.files = files;
        this.contents = contents;
    }

    /** Reads the image at {@code tar}; with {@code extractTo}, also writes its file system there. */
    static ImageTar read(Path tar, Optional<Path> extractTo) throws IOException {
        try (TarFile outer = new TarFile(tar)) {
            Map<String, TarArchiveEntry> byName = new LinkedHashMap<>();
            for (TarArchiveEntry entry : outer.getEntries()) {
                byName.put(entry.getName(), entry);
            }
            JsonNode manifests = JSON.readTree(stream(outer, byName, "manifest.json"));
            if (!manifests.isArray() || manifests.size() != 1) {
                throw new IOException(tar + ": manifest.json should list one image, has " + manifests);
            }
            JsonNode manifest = manifests.get(0);
            JsonNode config = JSON.readTree(stream(outer, byName, manifest.path("Config").asText()));
            JsonNode diffIds = config.path("rootfs").path("diff_ids");
            JsonNode layers = manifest.path("Layers");
            if (layers.size() != diffIds.size()) {
                throw new IOException(tar + ": " + layers.size() + " layers but " + diffIds.size() + " diff_ids");
            }
            Map<String, Entry> files = new LinkedHashMap<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                String layer = layers.get(i).asText();
                String digest = applyLayer(stream(outer, byName, layer), files, contents, extractTo);
                if (!diffIds.get(i).asText().equals("sha256:" + digest)) {
                    throw new IOException(tar + ": layer " + layer + " has digest sha256:" + digest
                            + ", the config says " + diffIds.get(i).asText());
                }
            }
            return new ImageTar(manifest, config, files, contents);
        }
    }

    JsonNode manifest() {
        return manifest;
    }

    /** The container configuration: the config JSON's {@code config} (Entrypoint, Cmd, Env, User, ...). */
    JsonNode container() {
        return config.path("config");
    }

    JsonNode config() {
        return config;
    }

    /** The image's environment, {@code NAME=value} lines as a map. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        container().path("Env").forEach(line -> {
            String text = line.asText();
            int equals = text.indexOf('=');
            environment.put(text.substring(0, equals), text.substring(equals + 1));
        });
        return environment;
    }

    static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    Optional<Entry> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    Map<String, Entry> files() {
        return files;
    }

    /** The content of a small regular file of the image. */
    String text(String path) {
        byte[] content = contents.get(path);
        if (content == null) {
            throw new AssertionError("the image has no small regular file " + path);
        }
        return new String(content, StandardCharsets.UTF_8);
    }

    private static InputStream stream(TarFile outer, Map<String, TarArchiveEntry> byName, String name)
            throws IOException {
        TarArchiveEntry entry = byName.get(name);
        if (entry == null) {
            throw new IOException("the image tar has no " + name + "; it has " + byName.keySet());
        }
        return outer.getInputStream(entry);
    }

    /** Applies one gzipped layer; returns the SHA-256 of its uncompressed tar, in hex. */
    private static String applyLayer(InputStream gzipped, Map<String, Entry> files, Map<String, byte[]> contents,
            Optional<Path> extractTo) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream uncompressed = new DigestInputStream(new GZIPInputStream(gzipped, 1 << 16), sha256)) {
            TarArchiveInputStream layer = new TarArchiveInputStream(uncompressed);
            for (TarArchiveEntry entry = layer.getNextEntry(); entry != null; entry = layer.getNextEntry()) {
                String path = normalise(entry.getName());
                String name = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.substring(0, path.lastIndexOf('/'));
                if (name.equals(OPAQUE)) {
                    files.keySet().removeIf(p -> p.startsWith(parent + "/"));
                    contents.keySet().removeIf(p -> p.startsWith(parent + "/"));
                    continue;
                }
                if (name.startsWith(WHITEOUT)) {
                    String removed = parent + "/" + name.substring(WHITEOUT.length());
                    files.keySet().removeIf(p -> p.equals(removed) || p.startsWith(removed + "/"));
                    contents.keySet().removeIf(p -> p.equals(removed) || p.startsWith(removed + "/"));
                    if (extractTo.isPresent()) {
                        deleteTree(extractTo.get().resolve(removed.substring(1)));
                    }
                    continue;
                }
                files.put(path, new Entry(path, entry.getMode() & 07777, entry.getLongUserId(),
                        entry.getLongGroupId(), entry.isDirectory(), entry.isSymbolicLink(), entry.getSize()));
                byte[] content = null;
                if (entry.isFile() && entry.getSize() <= KEPT_CONTENT) {
                    content = layer.readAllBytes();
                    contents.put(path, content);
                } else {
                    contents.remove(path);
                }
                if (extractTo.isPresent()) {
                    write(extractTo.get(), path, entry, content, layer);
                }
            }
            uncompressed.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** {@code ./app/x}, {@code app/x/} and {@code /app/x} all become {@code /app/x}. */
    private static String normalise(String name) {
        String path = name.startsWith("./") ? name.substring(1) : name.startsWith("/") ? name : "/" + name;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void write(Path root, String path, TarArchiveEntry entry, byte[] content, InputStream layer)
            throws IOException {
        if (path.equals("/")) {
            return;
        }
        Path target = root.resolve(path.substring(1)).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("layer entry " + entry.getName() + " points outside the image");
        }
        Files.createDirectories(target.getParent());
        if (entry.isDirectory()) {
            Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            return;
        } else if (entry.isLink()) {
            Files.deleteIfExists(target);
            Files.createLink(target, root.resolve(normalise(entry.getLinkName()).substring(1)));
            return;
        } else if (entry.isFile()) {
            if (content != null) {
                Files.write(target, content);
            } else {
                Files.copy(layer, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            return; // devices and FIFOs: none in an application image
        }
        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
