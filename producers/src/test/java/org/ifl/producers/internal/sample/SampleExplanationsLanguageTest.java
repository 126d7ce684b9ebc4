package org.ifl.producers.internal.sample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ifl.lidstream.LanguageJudge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every title and article of the explanation sample, English included, is in the language it is filed under, as
 * lid-stream judges a completion: by Lingua over the languages in play, then the script-first normalisation. An
 * article misidentified would be a reference in the wrong language; a title, a prompt that mixes languages.
 */
class SampleExplanationsLanguageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @Test
    void everyTitleAndArticleIsDetectedAsTheLanguageItIsFiledUnder() throws IOException {
        List<Executable> checks = new ArrayList<>();
        List<JsonNode> artworks = artworks();
        assertEquals(9, artworks.size());
        for (JsonNode artwork : artworks) {
            String id = artwork.get("id").asText();
            for (Map.Entry<String, JsonNode> article : artwork.get("articles").properties()) {
                String language = article.getKey();
                String title = artwork.get("titles").get(language).asText();
                String text = article.getValue().get("text").asText();
                checks.add(() -> assertDetectedAs(language, id + " title", title));
                checks.add(() -> assertDetectedAs(language, id + " article", text));
            }
        }
        assertAll(checks);
    }

    private static void assertDetectedAs(String language, String what, String text) {
        LanguageJudge.shared().mismatch(language, text).ifPresent(wrong -> fail(
                language + " " + what + ": " + wrong + ": " + text));
    }

    private static List<JsonNode> artworks() throws IOException {
        List<JsonNode> artworks = new ArrayList<>();
        try (InputStream in = SampleExplanations.class.getClassLoader().getResourceAsStream(
                SampleExplanations.RESOURCE);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    artworks.add(MAPPER.readTree(line));
                }
            }
        }
        return artworks;
    }
}
