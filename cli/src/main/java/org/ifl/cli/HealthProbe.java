package org.ifl.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check for an image without a shell or curl: exits 0 when the URL answers 200 (a service's
 * /health is 200 while UP, 503 while DOWN), 1 otherwise. Its own main, with nothing but the JDK on its class path,
 * so a probe costs a bare JVM start, not the command line's.
 * <pre>java -cp @/app/jib-classpath-file org.ifl.cli.HealthProbe http://localhost:8085/health</pre>
 */
public final class HealthProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe URL");
            System.exit(2);
        }
        System.exit(isUp(URI.create(args[0])) ? 0 : 1);
    }

    static boolean isUp(URI url) throws InterruptedException {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            System.err.println(url + ": " + e);
            return false;
        }
    }
}
