package org.ifl.platform.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.ifl.platform.testkit.HeadlessChromium.Viewport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser kit against a page of its own: the viewport is exact on both screens, the screenshot has its size, the
 * waits see the page's test hooks, and a console error is reported.
 */
class HeadlessChromiumIT {
    /** Marks itself ready, then renders again 300 ms later and logs an error, as a broken page would. */
    private static final String PAGE = """
            <!doctype html><html><head><meta name="viewport" content="width=device-width">
            <link rel="icon" href="data:,"></head>
            <body style="margin:0;background:#2a6"><p id="size"></p><script>
            document.getElementById('size').textContent = innerWidth + 'x' + innerHeight;
            document.body.dataset.renders = '1';
            document.body.dataset.ready = 'true';
            setTimeout(() => { document.body.dataset.renders = '2'; console.error('figures missing'); }, 300);
            </script></body></html>""";

    @BeforeAll
    static void chromium() {
        HeadlessChromium.assumeAvailable();
    }

    @Test
    void showsThePageAtTheViewportsSizeAndReportsItsConsoleErrors(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/page.html", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page.html");
        try (HeadlessChromium browser = HeadlessChromium.start(Viewport.DESKTOP)) {
            for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                browser.viewport(viewport);
                browser.open(page);
                assertEquals(viewport.label(), browser.script("return innerWidth + 'x' + innerHeight"));
                browser.until("the second render", Duration.ofSeconds(10), () -> browser.renders() == 2);
                BufferedImage shot = ImageIO.read(browser.screenshot(dir, "page", viewport).toFile());
                assertEquals(viewport.label(), shot.getWidth() + "x" + shot.getHeight());
                assertTrue(dir.resolve("page-" + viewport.label() + ".png").toFile().isFile());
            }
            List<HeadlessChromium.ConsoleMessage> errors = browser.consoleErrors();
            // One per load: the console of an earlier page is kept.
            assertEquals(2, errors.size(), errors.toString());
            assertTrue(errors.stream().allMatch(e -> e.text().contains("figures missing")), errors.toString());
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
