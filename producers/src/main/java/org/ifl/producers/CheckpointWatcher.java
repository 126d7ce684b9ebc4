package org.ifl.producers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the checkpoints that appeared in a directory: each subdirectory that holds the marker file a
 * training job writes last (so a checkpoint still being written is not taken), not seen before. What was
 * seen is kept in a state file, one directory name per line, so a restarted watcher does not register a
 * checkpoint again (the registration and its queries would be the same; this only saves the work).
 */
public final class CheckpointWatcher {
    /** A checkpoint directory's own attributes, registered with it ({@link #attributes}). */
    public static final String ATTRIBUTES_FILE = "checkpoint.properties";
    private final Path root;
    private final String marker;
    private final Path stateFile;
    private final Set<String> seen = new LinkedHashSet<>();

    public CheckpointWatcher(Path root, String marker, Path stateFile) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        this.root = root;
        this.marker = marker;
        this.stateFile = stateFile;
        if (Files.exists(stateFile)) {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    seen.add(line.strip());
                }
            }
        }
    }

    /** Complete checkpoint directories not seen before, the one whose marker is oldest first. */
    public List<Path> newCheckpoints() throws IOException {
        List<Candidate> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.toList()) {
                Path markerFile = dir.resolve(marker);
                if (Files.isDirectory(dir) && Files.isRegularFile(markerFile)
                        && !seen.contains(dir.getFileName().toString())) {
                    found.add(new Candidate(dir, Files.getLastModifiedTime(markerFile)));
                }
            }
        }
        found.sort(Comparator.comparing(Candidate::markedAt).thenComparing(c -> c.dir().getFileName().toString()));
        return found.stream().map(Candidate::dir).toList();
    }

    /**
     * The attributes a checkpoint directory declares in {@value #ATTRIBUTES_FILE} ({@code key=value} lines, as
     * {@code train-reference --checkpoint-every} writes them: step, train_loss, the data mix); none without it.
     *
     * @throws IOException naming the file and line of an entry that is not {@code key=value} with a key
     */
    public static Map<String, String> attributes(Path dir) throws IOException {
        Path file = dir.resolve(ATTRIBUTES_FILE);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return attributes;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(file + ":" + (i + 1) + ": not key=value: " + line);
            }
            attributes.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return attributes;
    }

    /** Remembers {@code dir} as registered, in memory and in the state file. */
    public void remember(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        if (seen.add(name)) {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Files.writeString(stateFile, name + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private record Candidate(Path dir, FileTime markedAt) {
    }
}
