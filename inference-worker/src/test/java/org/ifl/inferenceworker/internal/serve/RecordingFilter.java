package org.ifl.inferenceworker.internal.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ifl.inferenceworker.ChatCompletionsServer;

/**
 * A test filter in front of {@link ChatCompletionsServer}: records every chat-completions request that arrives (its
 * {@code Authorization} header) and can answer the first few itself with a fault, before the backend sees them.
 */
public final class RecordingFilter extends Filter {
    private final List<Optional<String>> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile int refusalStatus;
    private volatile String refusalBody = "";
    private volatile Map<String, String> refusalHeaders = Map.of();

    /** Answers the next {@code count} chat requests with {@code status}, {@code body} and {@code headers}. */
    public RecordingFilter refuseNext(int count, int status, String body, Map<String, String> headers) {
        refusalStatus = status;
        refusalBody = body;
        refusalHeaders = Map.copyOf(headers);
        refusalsLeft.set(count);
        return this;
    }

    /** Chat-completions requests that reached the server, refused ones included. */
    public int chatRequests() {
        return authorizations.size();
    }

    /** The {@code Authorization} header of each chat request, in arrival order. */
    public List<Optional<String>> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(ChatCompletionsServer.CHAT_COMPLETIONS_PATH)) {
            chain.doFilter(exchange);
            return;
        }
        authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        if (refusalsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = refusalBody.getBytes(StandardCharsets.UTF_8);
            refusalHeaders.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(refusalStatus, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "records chat requests and refuses the first few on demand";
    }
}
