package org.ifl.producers.internal.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.internal.suite.SuiteReader;
import org.ifl.producers.internal.suite.artwork.ArtworkReader;

/**
 * The explanation sample bundled with the producers, for the embedded demo and tests: nine of the drawn
 * {@link SampleImages}, each with a short museum-label article in English and in some of the artwork format's
 * ten default languages (all ten, five to nine, or fewer, so that every alignment setting has items), and the
 * entities each article names. {@link #read(Path)} takes the folder to draw the images into, not a benchmark's
 * files.
 *
 * <p>The suite text, {@value #RESOURCE}, is a file in the artwork format (docs/suites.md), read by the
 * {@link ArtworkReader} like any other once it is written beside the images it names; its items carry the
 * dataset {@value #DATASET}, the suite's name, as the other bundled suites do: a report lists it under the name it
 * was published by, and its entity vocabulary is not merged with a real artwork file's.
 */
public final class SampleExplanations implements SuiteReader {
    public static final String DATASET = "sample-explanations";
    /** The suite text on the class path. */
    public static final String RESOURCE = "org/ifl/producers/internal/sample/sample-explanations.jsonl";
    /** The name the suite text is written under, in the folder of the images. */
    public static final String FILE_NAME = "sample-explanations.jsonl";

    @Override
    public String dataset() {
        return DATASET;
    }

    /**
     * Draws the images into {@code imagesDir} (created if missing), writes the suite text there as
     * {@value #FILE_NAME} and reads it: one item per artwork and non-English language of its articles.
     */
    @Override
    public SuiteContents read(Path imagesDir) throws IOException {
        SampleImages.writeTo(imagesDir);
        Path file = imagesDir.resolve(FILE_NAME);
        try (InputStream in = SampleExplanations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // It ships in this jar: without it the build is broken, the input is not bad.
                throw new IllegalStateException("the explanation sample " + RESOURCE + " is not on the class path");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return new ArtworkReader(DATASET).read(file);
    }
}
