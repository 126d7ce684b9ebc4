package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.ArtworkArticles;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.PromptPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated artworks written in the artwork format and read back by its reader, as training asked them. */
class ReferenceArtworksTest {
    @TempDir
    Path dir;

    @Test
    void everyArtworkInEachOfItsLanguagesIsAnItemAskedAsTrainingAskedIt() throws Exception {
        SuiteContents contents = ReferenceArtworks.read(dir);
        List<Artwork> artworks = ArtworkArticles.artworks();
        assertEquals(List.of(), contents.skipped());
        assertEquals(artworks.stream().mapToInt(a -> a.otherLanguages().size()).sum(), contents.items().size());
        for (SuiteItem item : contents.items()) {
            Artwork artwork = artworks.stream().filter(a -> a.id().equals(item.itemId())).findFirst().orElseThrow();
            assertEquals(ReferenceArtworks.DATASET, item.dataset());
            assertTrue(Files.isRegularFile(item.image().file()), item.image().toString());
            int languages = artwork.languages().size();
            assertEquals(languages == 10 ? AlignmentSetting.ALIGNMENT_10 : languages >= 5
                    ? AlignmentSetting.ALIGNMENT_5 : AlignmentSetting.FULL, item.explanation().alignment());
            for (PromptPattern pattern : PromptPattern.values()) {
                assertEquals(ArtworkArticles.prompt(pattern.name(), artwork, item.language()),
                        item.explanation().prompts().get(pattern), item.itemId());
            }
            assertEquals(ArtworkArticles.articles(artwork).get(item.language()).text(),
                    item.explanation().references().getReferenceText());
            assertEquals(5, item.explanation().englishReferences().getEntities().size());
            assertEquals(4, item.explanation().references().getCooccurringPairs().size(), item.itemId());
        }
        assertTrue(ReferenceArtworks.maxNewTokens() > 200 && ReferenceArtworks.maxNewTokens() < 250,
                "the longest explanation, Hindi or Thai, in bytes: " + ReferenceArtworks.maxNewTokens());
    }
}
