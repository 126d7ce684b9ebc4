package org.ifl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.platform.CauseChain;
import org.ifl.platform.service.http.ExchangeReply;
import org.ifl.producers.AnnotationLabels;
import org.ifl.producers.AnnotationRow;
import org.ifl.producers.AnnotationSheets;
import org.ifl.producers.AnnotatorVerdict;
import org.ifl.producers.InputException;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;

/**
 * The annotation page: one sampled answer of a sheet at a time, with its question and image, and the two verdicts
 * (in the expected language? correct?) with the annotator's id; each verdict saved is checked as {@code ifl
 * annotate import} checks a row, published to eval.annotations at once (acknowledged before the page moves on),
 * and kept in the sheet's labels file (SHEET.labels.jsonl, itself a sheet {@code ifl annotate import} reads), so
 * a restarted page knows what is done and nothing is lost if the cluster was down. Serves only the page, the
 * sheet's rows and the image files the sheet names.
 *
 * <p>{@code GET /} the page; {@code GET /api/sheet} the rows and their verdicts so far; {@code GET /images/N}
 * the image of row N; {@code POST /api/labels} one row's verdicts: 200 when published, 400 with the problem when
 * the verdicts are wrong, 503 when the cluster did not acknowledge them (the page keeps them for another try).
 */
final class AnnotationPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PUBLISH_TIMEOUT_S = 15;
    /** The image files the page serves, by extension, with their media types. */
    private static final Map<String, String> IMAGE_TYPES = Map.of(".png", "image/png", ".jpg", "image/jpeg",
            ".jpeg", "image/jpeg", ".gif", "image/gif", ".webp", "image/webp", ".bmp", "image/bmp");
    private static final Map<String, String> STATIC = Map.of(
            "/", "annotate/index.html",
            "/annotate.js", "annotate/annotate.js",
            "/annotate.css", "annotate/annotate.css",
            "/dashboard.css", "dashboard/dashboard.css");

    private final Path sheet;
    private final List<AnnotationSheets.Line> lines;
    private final Map<String, Integer> indexById = new LinkedHashMap<>();
    private final Function<String, LabeledCompletion> answers;
    private final Producer<String, ExpertAnnotation> producer;
    private final Path labelsFile;
    private final Map<String, AnnotationRow> labelled = new LinkedHashMap<>();
    private final String defaultAnnotator;
    private final Clock clock;
    private final HttpServer server;

    /**
     * @param producer null to publish nothing (a dry run): verdicts then go to the labels file only
     */
    AnnotationPage(Path sheet, List<AnnotationSheets.Line> lines, Function<String, LabeledCompletion> answers,
            Producer<String, ExpertAnnotation> producer, String defaultAnnotator, InetSocketAddress address,
            Clock clock) throws IOException {
        this.sheet = sheet;
        this.lines = List.copyOf(lines);
        for (int i = 0; i < lines.size(); i++) {
            indexById.put(lines.get(i).row().completionId(), i);
        }
        this.answers = answers;
        this.producer = producer;
        this.defaultAnnotator = defaultAnnotator;
        this.clock = clock;
        this.labelsFile = labelsFile(sheet);
        if (Files.exists(labelsFile)) {
            for (AnnotationSheets.Line line : AnnotationSheets.read(labelsFile)) {
                labelled.put(line.row().completionId(), line.row());
            }
        }
        for (AnnotationSheets.Line line : lines) {
            if (line.row().judged()) {
                labelled.putIfAbsent(line.row().completionId(), line.row());
            }
        }
        this.server = HttpServer.create(address, 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "annotation-page");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Where the page keeps the verdicts given on it: beside the sheet, SHEET.labels.jsonl. */
    static Path labelsFile(Path sheet) {
        String name = sheet.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return sheet.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".labels.jsonl");
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/labels")) {
                saveLabel(exchange);
            } else if (!method.equals("GET")) {
                send(exchange, 405, "text/plain", "GET or POST /api/labels only");
            } else if (path.equals("/api/sheet")) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(sheetJson()));
            } else if (path.startsWith("/images/")) {
                image(exchange, path.substring("/images/".length()));
            } else if (STATIC.containsKey(path)) {
                resource(exchange, STATIC.get(path));
            } else {
                send(exchange, 404, "text/plain", "no such page: " + path);
            }
        }
    }

    private ObjectNode sheetJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("sheet", sheet.getFileName().toString());
        root.put("labelsFile", labelsFile.getFileName().toString());
        root.put("annotator", defaultAnnotator);
        root.put("publishing", producer != null);
        ArrayNode rows = root.putArray("rows");
        for (int i = 0; i < lines.size(); i++) {
            AnnotationRow row = lines.get(i).row();
            ObjectNode node = AnnotationSheets.jsonNode(row);
            node.put("index", i);
            node.put("expected_language_name",
                    Locale.forLanguageTag(row.expectedLanguage() == null ? "" : row.expectedLanguage())
                            .getDisplayLanguage(Locale.ENGLISH));
            node.put("image", imagePath(row) == null ? null : "/images/" + i);
            AnnotationRow label = labelled.get(row.completionId());
            if (label != null) {
                ObjectNode given = node.putObject("label");
                given.put("in_expected_language", written(label.inExpectedLanguage()));
                given.put("true_language", label.trueLanguage());
                given.put("correct", written(label.correct()));
                given.put("annotator", label.annotator());
            }
            rows.add(node);
        }
        return root;
    }

    private static String written(AnnotatorVerdict verdict) {
        return verdict == null ? null : verdict.written();
    }

    /**
     * The file a row's image is, if the sheet names an image file that can be read (relative to the sheet, or a
     * path or file: URI of the suite's); nothing but image files is ever served, whatever a sheet names.
     */
    private Path imagePath(AnnotationRow row) {
        String image = row.image();
        if (image == null || image.contains("://") && !image.startsWith("file:")) {
            return null;
        }
        String local = image.startsWith("file:") ? image.replaceFirst("^file:(//)?", "") : image;
        Path file = sheet.toAbsolutePath().getParent().resolve(local).normalize();
        return mediaType(file) != null && Files.isRegularFile(file) ? file : null;
    }

    /** The media type of an image file by its extension; null for any other file. */
    private static String mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : IMAGE_TYPES.get(name.substring(dot));
    }

    private void image(HttpExchange exchange, String index) throws IOException {
        Path file = null;
        try {
            int i = Integer.parseInt(index);
            file = i >= 0 && i < lines.size() ? imagePath(lines.get(i).row()) : null;
        } catch (NumberFormatException e) {
            // no such row: 404 below
        }
        if (file == null) {
            send(exchange, 404, "text/plain", "no image for row " + index);
            return;
        }
        ExchangeReply.send(exchange, 200, mediaType(file), Files.readAllBytes(file));
    }

    private void saveLabel(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            problem(exchange, 400, "the request is not JSON: " + e.getMessage());
            return;
        }
        String id = text(body, "completion_id");
        Integer index = id == null ? null : indexById.get(id);
        if (index == null) {
            problem(exchange, 400, "completion_id: " + id + " is not in the sheet " + sheet.getFileName());
            return;
        }
        AnnotationSheets.Line line = lines.get(index);
        AnnotatorVerdict inExpected = verdict(body, "in_expected_language");
        AnnotatorVerdict correct = verdict(body, "correct");
        String annotator = text(body, "annotator");
        if (annotator == null) {
            problem(exchange, 400, "annotator: say who you are, so that the label can be traced");
            return;
        }
        if (inExpected == null && correct == null) {
            problem(exchange, 400, "give a verdict on the language or on correctness (yes, no or unclear)");
            return;
        }
        AnnotationRow row = line.row().withVerdicts(inExpected, text(body, "true_language"), correct, annotator,
                clock.instant());
        ExpertAnnotation annotation;
        try {
            annotation = AnnotationLabels.check(List.of(new AnnotationSheets.Line(line.origin(), row)), answers,
                    clock.instant()).annotations().get(0);
        } catch (InputException e) {
            problem(exchange, 400, String.join("; ", e.problems().stream().map(Object::toString).toList()));
            return;
        }
        if (producer != null) {
            try {
                producer.send(new ProducerRecord<>(Topics.ANNOTATIONS.name(), RecordKey.cell(annotation.getPair()),
                        annotation)).get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                problem(exchange, 503, "not published (" + CauseChain.describe(e) + "); the verdict is kept on "
                        + "this page: save it again when the cluster is back");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem(exchange, 503, "interrupted while publishing");
                return;
            }
        }
        keep(row);
        ObjectNode ok = JSON.createObjectNode();
        ok.put("published", producer != null);
        ok.put("completion_id", id);
        ok.put("labelled", labelled.size());
        send(exchange, 200, "application/json", JSON.writeValueAsString(ok));
    }

    /** Adds the row to the labels file, rewritten whole (a completion relabelled keeps its latest verdicts). */
    private synchronized void keep(AnnotationRow row) throws IOException {
        labelled.put(row.completionId(), row);
        Path next = labelsFile.resolveSibling(labelsFile.getFileName() + ".next");
        List<String> json = new ArrayList<>();
        labelled.values().forEach(r -> json.add(AnnotationSheets.json(r)));
        Files.write(next, json, StandardCharsets.UTF_8);
        Files.move(next, labelsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static AnnotatorVerdict verdict(JsonNode body, String field) {
        String written = text(body, field);
        return written == null ? null : AnnotatorVerdict.parse(written);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() || value.textValue().isBlank() ? null : value.textValue().strip();
    }

    private void resource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = AnnotationPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "missing resource " + name);
                return;
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                    : "text/html";
            send(exchange, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void problem(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("error", message);
        send(exchange, status, "application/json", JSON.writeValueAsString(error));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        ExchangeReply.send(exchange, status, type.contains("charset") ? type : type + "; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
