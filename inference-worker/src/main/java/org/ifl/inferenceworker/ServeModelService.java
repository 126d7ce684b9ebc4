package org.ifl.inferenceworker;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The serve-model service: the reference VLM behind the OpenAI-compatible {@link ChatCompletionsServer} until the
 * application context closes. Present in the {@value #ENVIRONMENT} environment, whose settings are
 * {@code application-serve-model.yml}.
 */
@Context
@Requires(env = ServeModelService.ENVIRONMENT)
public final class ServeModelService {
    public static final String ENVIRONMENT = "serve-model";

    private final ReferenceVlmBackend backend;
    private final ChatCompletionsServer server;

    ServeModelService(ServeModelSettings settings) throws IOException {
        ChatCompletionsServer.Settings listen = settings.server();
        this.backend = ConfiguredBackend.reference(ServeModelSettings.PREFIX, settings);
        try {
            this.server = ChatCompletionsServer.start(backend, listen);
        } catch (IOException e) {
            backend.close();
            throw new UncheckedIOException("cannot listen on " + listen.host() + ":" + listen.port(), e);
        }
    }

    public ChatCompletionsServer server() {
        return server;
    }

    public ReferenceVlmBackend backend() {
        return backend;
    }

    @PreDestroy
    void close() {
        server.close();
        backend.close();
    }
}
