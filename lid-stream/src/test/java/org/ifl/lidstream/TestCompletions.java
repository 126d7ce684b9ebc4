package org.ifl.lidstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.InferenceError;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.topic.Topics;

/** Completions for lid-stream tests, and one Lingua detector shared by every test of the JVM (it loads slowly). */
public final class TestCompletions {
    /** A two-sentence answer in each of the IFL paper's 14 languages. */
    public static final Map<String, String> ANSWERS = Map.ofEntries(
            Map.entry("ar", "توجد في الصورة دائرتان حمراوان. الدائرة الكبيرة على اليسار."),
            Map.entry("bn", "ছবিতে দুটি লাল বৃত্ত আছে। বড় বৃত্তটি বাম দিকে রয়েছে।"),
            Map.entry("de", "Auf dem Bild sind zwei rote Kreise. Der große Kreis liegt links."),
            Map.entry("en", "There are two red circles in the picture. The large circle is on the left."),
            Map.entry("es", "En la imagen hay dos círculos rojos. El círculo grande está a la izquierda."),
            Map.entry("fr", "Il y a deux cercles rouges sur l'image. Le grand cercle est à gauche."),
            Map.entry("he", "בתמונה יש שני עיגולים אדומים. העיגול הגדול נמצא בצד שמאל."),
            Map.entry("hi", "चित्र में दो लाल वृत्त हैं। बड़ा वृत्त बाईं ओर है।"),
            Map.entry("ja", "画像には赤い円が二つあります。大きい円は左側にあります。"),
            Map.entry("ro", "În imagine sunt două cercuri roșii. Cercul mare este în stânga."),
            Map.entry("ru", "На картинке два красных круга. Большой круг находится слева."),
            Map.entry("th", "ในภาพมีวงกลมสีแดงสองวง วงกลมใหญ่อยู่ทางซ้าย"),
            Map.entry("ur", "تصویر میں دو سرخ دائرے ہیں۔ بڑا دائرہ بائیں طرف ہے۔"),
            Map.entry("zh", "图片里有两个红色的圆。大的圆在左边。"));

    private static LinguaDetector lingua;

    private TestCompletions() {
    }

    public static synchronized LinguaDetector lingua() {
        if (lingua == null) {
            lingua = new LinguaDetector(LinguaDetector.DEFAULT_LANGUAGES);
        }
        return lingua;
    }

    public static Completion answer(String id, String language, String expectedLanguage, String text) {
        PairKey pair = new PairKey("run-1", "ref-vlm", "step-1", "maxm", "item-" + id, language);
        return Completion.newBuilder(ContractSamples.completion())
                .setCompletionId(id)
                .setQueryId("q-" + id)
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(Arm.IMAGE).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(language).setExpectedLanguage(expectedLanguage).build())
                .setText(text)
                .setError(null)
                .build();
    }

    public static Completion failed(String id, String language) {
        return Completion.newBuilder(answer(id, language, language, null))
                .setError(new InferenceError("IMAGE_UNREADABLE", "images/42.png: not a PNG", false))
                .build();
    }

    /**
     * {@code completion} (on the IMAGE arm) in the wire format, as a producer on a newer schema whose arm has the
     * symbol {@code arm} would write it with that arm; the newer schema is registered with {@code registry}, as that
     * producer's serializer would.
     */
    public static byte[] withNewArm(Completion completion, String arm, SchemaRegistryClient registry)
            throws IOException {
        Schema current = Completion.getClassSchema();
        Schema newer = new Schema.Parser().parse(current.toString()
                .replace("\"IMAGE_REMEDY\"]", "\"IMAGE_REMEDY\",\"" + arm + "\"]"));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonEncoder jsonEncoder = EncoderFactory.get().jsonEncoder(current, json);
        new SpecificDatumWriter<Completion>(current).write(completion, jsonEncoder);
        jsonEncoder.flush();
        String rewritten = json.toString(StandardCharsets.UTF_8)
                .replace("\"arm\":\"IMAGE\"", "\"arm\":\"" + arm + "\"");
        GenericRecord record = new GenericDatumReader<GenericRecord>(newer).read(null,
                DecoderFactory.get().jsonDecoder(newer, rewritten));
        int id = registry.register(Topics.COMPLETIONS.name() + "-value", newer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(newer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
