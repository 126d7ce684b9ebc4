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
import org.ifl.schemas.avro.Checkpoint;

/** The backend {@code ifl.worker.backend} names, built from the worker's settings. */
final class ConfiguredBackend {
    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

    private ConfiguredBackend() {
    }

    static InferenceBackend create(WorkerSettings settings) throws IOException {
        String kind = kind(settings);
        configureDjl(settings);
        return switch (kind) {
            case "djl" -> blank(settings.getTorchscriptModel()) ? reference(WorkerSettings.PREFIX, settings)
                    : torchScript(settings, Path.of(settings.getTorchscriptModel()),
                            WorkerSettings.PREFIX + ".torchscript-model");
            default -> openAi(settings);
        };
    }

    /** {@code ifl.worker.backend}: djl or openai, else refused by name. */
    private static String kind(WorkerSettings settings) {
        String kind = settings.getBackend() == null ? "" : settings.getBackend().trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("djl") && !kind.equals("openai")) {
            throw new IllegalArgumentException(WorkerSettings.PREFIX + ".backend: '" + settings.getBackend()
                    + "' is not a backend; known: djl, openai");
        }
        return kind;
    }

    /** DJL reads these when its engine starts; a -D on the command line wins. */
    private static void configureDjl(WorkerSettings settings) {
        DjlOffline.enable();
        if (System.getProperty(TORCH_THREADS) == null && settings.getTorchThreads() > 0) {
            System.setProperty(TORCH_THREADS, Integer.toString(settings.getTorchThreads()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The TorchScript VLM in {@code model}, steered with the worker's vectors; a bad file named as {@code what}. */
    private static TorchScriptBackend torchScript(WorkerSettings settings, Path model, String what)
            throws IOException {
        SteeringSource steering = blank(settings.getTorchscriptSteering()) ? SteeringSource.none()
                : SteeringVectorFile.read(Path.of(settings.getTorchscriptSteering()));
        try {
            return TorchScriptBackend.open(model, Device.fromName(settings.getDevice()), steering);
        } catch (MalformedModelException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    private static OpenAiBackend openAi(WorkerSettings settings) {
        if (blank(settings.getOpenaiModel())) {
            throw new IllegalArgumentException("the openai backend needs " + WorkerSettings.PREFIX
                    + ".openai-base-url and " + WorkerSettings.PREFIX + ".openai-model");
        }
        return openAi(settings, settings.getOpenaiModel());
    }

    private static OpenAiBackend openAi(WorkerSettings settings, String servedModel) {
        if (blank(settings.getOpenaiBaseUrl())) {
            throw new IllegalArgumentException("the openai backend needs " + WorkerSettings.PREFIX
                    + ".openai-base-url");
        }
        OpenAiSettings openAi = new OpenAiSettings(settings.getOpenaiBaseUrl(), servedModel,
                blank(settings.getOpenaiApiKeyEnv()) ? null : settings.getOpenaiApiKeyEnv(),
                settings.getOpenaiMaxConcurrency(), settings.getOpenaiTimeout(), settings.getOpenaiMaxRetries(),
                OpenAiSettings.DEFAULT_INITIAL_BACKOFF, OpenAiSettings.DEFAULT_MAX_BACKOFF, 0,
                settings.isOpenaiSteering());
        return new OpenAiBackend(openAi);
    }

    /** The reference VLM with greedy decoding; a bad setting is named under {@code prefix}. */
    static ReferenceVlmBackend reference(String prefix, ReferenceVlmSettings settings) throws IOException {
        return reference(prefix, settings, settings.getReferenceModel());
    }

    /** The reference VLM in {@code modelDirectory} (blank: the bundled one), steered as {@code settings} say. */
    private static ReferenceVlmBackend reference(String prefix, ReferenceVlmSettings settings, String modelDirectory)
            throws IOException {
        DjlOffline.enable();
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

    /**
     * Loads a registered checkpoint's weights with the worker's settings: for djl, its location is a reference
     * model directory (train-reference's {@code <out>/model}, or a checkpoint it wrote) or a TorchScript file of
     * docs/model-contract.md; for openai, it names the served model (or adapter) to request from the worker's
     * endpoint, the checkpoint's name when it has none.
     */
    static CheckpointBackends.Loader checkpointLoader(WorkerSettings settings) {
        String kind = kind(settings);
        configureDjl(settings);
        return new CheckpointBackends.Loader() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public InferenceBackend load(Checkpoint registration) throws Exception {
                String location = registration.getLocation();
                if (kind.equals("openai")) {
                    return openAi(settings, blank(location) ? registration.getCheckpoint() : location);
                }
                if (blank(location)) {
                    throw new IllegalArgumentException("the registration names no location");
                }
                Path weights = Path.of(location);
                if (Files.isRegularFile(weights.resolve(ReferenceModel.PARAMETERS))) {
                    return reference(WorkerSettings.PREFIX, settings, weights.toString());
                }
                if (Files.isRegularFile(weights)) {
                    return torchScript(settings, weights, "TorchScript model");
                }
                throw new IllegalArgumentException(Files.exists(weights)
                        ? location + " is neither a reference model directory (no " + ReferenceModel.PARAMETERS
                                + ") nor a TorchScript file"
                        : location + " does not exist on this worker");
            }

            @Override
            public long bytes(Checkpoint registration) {
                return kind.equals("openai") ? OPENAI_CHARGE : weightBytes(Path.of(registration.getLocation()));
            }
        };
    }

    /** What an openai checkpoint is charged: its weights are the server's, the worker holds a client only. */
    static final long OPENAI_CHARGE = 1 << 20;

    /** The size of a weights file, or of the files directly in a model directory. */
    static long weightBytes(Path weights) {
        try {
            if (Files.isRegularFile(weights)) {
                return Files.size(weights);
            }
            try (var files = Files.list(weights)) {
                long total = 0;
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        total += Files.size(f);
                    }
                }
                return total;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the size of " + weights + " could not be read", e);
        }
    }
}
