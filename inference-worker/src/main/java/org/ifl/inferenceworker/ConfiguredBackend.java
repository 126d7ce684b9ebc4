package org.ifl.inferenceworker;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ifl.inferenceworker.internal.backend.openai.OpenAiBackend;
import org.ifl.inferenceworker.internal.backend.openai.OpenAiSettings;
import org.ifl.inferenceworker.internal.backend.torchscript.SteeringSource;
import org.ifl.inferenceworker.internal.backend.torchscript.SteeringVectorFile;
import org.ifl.inferenceworker.internal.backend.torchscript.TorchScriptBackend;
import org.ifl.referencevlm.DjlOffline;
import org.ifl.referencevlm.Pooling;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;

/** The backend {@code ifl.worker.backend} names, built from the worker's settings. */
final class ConfiguredBackend {
    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

    private ConfiguredBackend() {
    }

    static InferenceBackend create(WorkerSettings settings) throws IOException {
        // DJL reads these when its engine starts; a -D on the command line wins.
        DjlOffline.enable();
        if (System.getProperty(TORCH_THREADS) == null && settings.getTorchThreads() > 0) {
            System.setProperty(TORCH_THREADS, Integer.toString(settings.getTorchThreads()));
        }
        String kind = settings.getBackend() == null ? "" : settings.getBackend().trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "djl" -> blank(settings.getTorchscriptModel()) ? reference(WorkerSettings.PREFIX, settings)
                    : torchScript(settings);
            case "openai" -> openAi(settings);
            default -> throw new IllegalArgumentException(WorkerSettings.PREFIX + ".backend: '" + settings.getBackend()
                    + "' is not a backend; known: djl, openai");
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static TorchScriptBackend torchScript(WorkerSettings settings) throws IOException {
        SteeringSource steering = blank(settings.getTorchscriptSteering()) ? SteeringSource.none()
                : SteeringVectorFile.read(Path.of(settings.getTorchscriptSteering()));
        try {
            return TorchScriptBackend.open(Path.of(settings.getTorchscriptModel()), Device.fromName(settings.getDevice()),
                    steering);
        } catch (MalformedModelException e) {
            throw new IOException(WorkerSettings.PREFIX + ".torchscript-model: " + e.getMessage(), e);
        }
    }

    private static OpenAiBackend openAi(WorkerSettings settings) {
        if (blank(settings.getOpenaiBaseUrl()) || blank(settings.getOpenaiModel())) {
            throw new IllegalArgumentException("the openai backend needs " + WorkerSettings.PREFIX
                    + ".openai-base-url and " + WorkerSettings.PREFIX + ".openai-model");
        }
        OpenAiSettings openAi = new OpenAiSettings(settings.getOpenaiBaseUrl(), settings.getOpenaiModel(),
                blank(settings.getOpenaiApiKeyEnv()) ? null : settings.getOpenaiApiKeyEnv(),
                settings.getOpenaiMaxConcurrency(), settings.getOpenaiTimeout(), settings.getOpenaiMaxRetries(),
                OpenAiSettings.DEFAULT_INITIAL_BACKOFF, OpenAiSettings.DEFAULT_MAX_BACKOFF, 0,
                settings.isOpenaiSteering());
        return new OpenAiBackend(openAi);
    }

    /** The reference VLM with greedy decoding; a bad setting is named under {@code prefix}. */
    static ReferenceVlmBackend reference(String prefix, ReferenceVlmSettings settings) throws IOException {
        DjlOffline.enable();
        String modelDirectory = settings.getReferenceModel();
        String steeringPooling = settings.getSteeringPooling();
        Pooling pooling = switch (steeringPooling == null ? "" : steeringPooling.trim().toLowerCase(Locale.ROOT)) {
            case "mean" -> Pooling.MEAN;
            case "last", "last_token" -> Pooling.LAST;
            default -> throw new IllegalArgumentException(prefix + ".steering-pooling: '" + steeringPooling
                    + "' is neither mean nor last");
        };
        if (!blank(modelDirectory) && !Files.isDirectory(Path.of(modelDirectory))) {
            throw new IllegalArgumentException(prefix + ".reference-model: " + modelDirectory + " is not a directory");
        }
        ReferenceModel model = blank(modelDirectory) ? ReferenceModel.loadBundled()
                : ReferenceModel.load(Path.of(modelDirectory));
        try {
            return new ReferenceVlmBackend(model, new ReferenceVlmBackend.Settings(settings.getSteeringLayer(),
                    pooling, settings.getSteeringScale(), Sampling.greedy()));
        } catch (IllegalArgumentException e) {
            model.close();
            throw new IllegalArgumentException(prefix + ".steering-layer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
