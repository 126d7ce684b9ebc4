package org.ifl.platform.service.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** The whole answer to a request of the JDK's own HTTP server, for the small servers that use it. */
public final class ExchangeReply {
    private ExchangeReply() {
    }

    /** Answers {@code status} with {@code body} of {@code contentType}, its length known, and ends the exchange. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
