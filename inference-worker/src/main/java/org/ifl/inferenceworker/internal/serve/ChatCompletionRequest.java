package org.ifl.inferenceworker.internal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ifl.inferenceworker.ChatCompletionsServer;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.QueryImage;
import org.ifl.schemas.avro.Arm;

/**
 * What {@link ChatCompletionsServer} takes from a chat-completions body: the last user message's text and image,
 * {@code max_tokens} and the {@value ChatCompletionsServer#STEER_LANGUAGE_FIELD} extension. The served models are
 * single-turn, so earlier messages (system, assistant, older user turns) are not read.
 *
 * @param text          the text parts of the last user message, joined with "\n"
 * @param image         its image; null when it has none
 * @param maxTokens     {@code max_tokens} (or {@code max_completion_tokens}), else the server's default
 * @param steerLanguage the language to steer the answer to; null for no steering
 */
public record ChatCompletionRequest(String text, QueryImage image, int maxTokens, String steerLanguage) {

    /** The expected language of unsteered requests: the HTTP API does not say it, and only steering reads it. */
    static final String UNKNOWN_LANGUAGE = "und";

    /** Reads a request body; throws naming the first field that is wrong. */
    public static ChatCompletionRequest parse(JsonNode body, int defaultMaxTokens) throws InvalidChatRequestException {
        if (body == null || !body.isObject()) {
            throw new InvalidChatRequestException(null, "the request body must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model != null && !model.isTextual()) {
            throw new InvalidChatRequestException("model", "model must be a string");
        }
        if (body.path("stream").asBoolean(false)) {
            throw new InvalidChatRequestException("stream", "stream: streamed responses are not supported");
        }
        JsonNode n = body.get("n");
        if (n != null && !(n.isIntegralNumber() && n.asInt() == 1)) {
            throw new InvalidChatRequestException("n", "n must be 1: one choice per request, not " + n);
        }
        int maxTokens = maxTokens(body, defaultMaxTokens);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidChatRequestException("messages", "messages must be a non-empty array of messages, not "
                    + (messages == null ? "missing" : messages.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode role = messages.get(i).get("role");
            if (role == null || !role.isTextual()) {
                throw new InvalidChatRequestException("messages[" + i + "].role", "messages[" + i
                        + "].role must be a string");
            }
            if (role.asText().equals("user")) {
                last = i;
            }
        }
        if (last < 0) {
            throw new InvalidChatRequestException("messages", "messages has no message with role 'user'");
        }
        String path = "messages[" + last + "].content";
        JsonNode content = messages.get(last).get("content");
        List<String> texts = new ArrayList<>();
        QueryImage image = null;
        if (content != null && content.isTextual()) {
            texts.add(content.asText());
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                String partPath = path + "[" + j + "]";
                JsonNode part = content.get(j);
                String type = part.path("type").asText("");
                if (type.equals("text")) {
                    if (!part.path("text").isTextual()) {
                        throw new InvalidChatRequestException(partPath + ".text", partPath
                                + ".text must be a string");
                    }
                    texts.add(part.path("text").asText());
                } else if (type.equals("image_url")) {
                    if (image != null) {
                        throw new InvalidChatRequestException(partPath, partPath + ": the model reads one image per "
                                + "request; this is the second");
                    }
                    JsonNode url = part.path("image_url").path("url");
                    if (!url.isTextual()) {
                        throw new InvalidChatRequestException(partPath + ".image_url.url", partPath
                                + ".image_url.url must be a string");
                    }
                    image = image(url.asText(), partPath + ".image_url.url");
                } else {
                    throw new InvalidChatRequestException(partPath + ".type", partPath + ".type must be 'text' or "
                            + "'image_url', not '" + type + "'");
                }
            }
        } else {
            throw new InvalidChatRequestException(path, path + " must be a string or an array of content parts");
        }
        String text = String.join("\n", texts);
        if (image == null && text.isEmpty()) {
            throw new InvalidChatRequestException(path, path + " has neither text nor an image");
        }
        String steerLanguage = null;
        JsonNode steer = body.get(ChatCompletionsServer.STEER_LANGUAGE_FIELD);
        if (steer != null && !steer.isNull()) {
            String field = ChatCompletionsServer.STEER_LANGUAGE_FIELD;
            if (!steer.isTextual() || !steer.asText().matches("[a-z]{2,3}")) {
                throw new InvalidChatRequestException(field, field + " must be an ISO 639-1 code such as \"de\", "
                        + "not " + steer);
            }
            if (image == null) {
                throw new InvalidChatRequestException(field, field + " steers an answer about an image, but " + path
                        + " has no image");
            }
            steerLanguage = steer.asText();
        }
        return new ChatCompletionRequest(text, image, maxTokens, steerLanguage);
    }

    /**
     * The request as the backend takes it. With an image: the IMAGE arm, or IMAGE_REMEDY when steered, the text
     * being the question. Without: the TEXT arm, the text split at its last "\n" into description and question, so
     * that a backend joining them as {@code description + "\n" + question} (the reference VLM) reads exactly the
     * text sent; a text without "\n" is a question with an empty description.
     */
    public GenerationRequest toGenerationRequest(String queryId) {
        if (image != null) {
            Arm arm = steerLanguage == null ? Arm.IMAGE : Arm.IMAGE_REMEDY;
            return new GenerationRequest(queryId, arm, text, null, image,
                    steerLanguage == null ? UNKNOWN_LANGUAGE : steerLanguage, maxTokens);
        }
        int split = text.lastIndexOf('\n');
        String description = split < 0 ? "" : text.substring(0, split);
        return new GenerationRequest(queryId, Arm.TEXT, text.substring(split + 1), description, null,
                UNKNOWN_LANGUAGE, maxTokens);
    }

    private static int maxTokens(JsonNode body, int defaultMaxTokens) throws InvalidChatRequestException {
        for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
                    throw new InvalidChatRequestException(field, field + " must be a whole number of at least 1, not "
                            + value);
                }
                return value.asInt();
            }
        }
        return defaultMaxTokens;
    }

    /** Decodes a {@code data:<media type>;base64,<bytes>} URL; other URLs are not fetched. */
    private static QueryImage image(String url, String path) throws InvalidChatRequestException {
        if (!url.startsWith("data:")) {
            throw new InvalidChatRequestException(path, path + " must be a data: URL "
                    + "(data:image/png;base64,...); the server fetches no other URL");
        }
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring("data:".length(), comma);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw new InvalidChatRequestException(path, path + " must be a base64 data URL (data:<media type>;"
                    + "base64,...)");
        }
        String mediaType = header.substring(0, header.indexOf(';'));
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidChatRequestException(path, path + " is not valid base64: " + e.getMessage());
        }
        BufferedImage pixels;
        try {
            pixels = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new InvalidChatRequestException(path, path + " does not decode as an image: " + e.getMessage());
        }
        if (pixels == null) {
            throw new InvalidChatRequestException(path, path + " holds " + bytes.length + " bytes that are no image "
                    + "format ImageIO reads (PNG, JPEG, GIF, BMP)");
        }
        return new QueryImage(sha256(bytes), mediaType.isEmpty() ? "application/octet-stream" : mediaType, bytes,
                pixels);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
