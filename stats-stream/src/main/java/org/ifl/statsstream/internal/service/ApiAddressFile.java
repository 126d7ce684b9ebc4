package org.ifl.statsstream.internal.service;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.ifl.platform.AddressFile;
import org.ifl.platform.service.ServiceContext;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves where the API listens in {@value StatsService#API_FILE} in the data directory once the HTTP server is
 * up (written whole or not at all: a temporary file moved into place), and removes it on a clean stop if it
 * still names this instance, so that {@code ifl report --data-dir} finds the service as other commands find
 * the platform through {@code endpoints.properties}.
 */
@Context
@Requires(beans = StatsService.class)
final class ApiAddressFile {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAddressFile.class);

    private final Path file;
    private final String advertisedHost;
    private volatile String written;

    ApiAddressFile(@Value("${" + ServiceContext.DATA_DIR_CONFIG + "}") String dataDir, StatsSettings settings) {
        this.file = Path.of(dataDir).toAbsolutePath().resolve(StatsService.API_FILE);
        this.advertisedHost = settings.getAdvertisedHost();
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        String url = "http://" + advertisedHost + ":" + event.getSource().getPort();
        Properties p = new Properties();
        p.setProperty(StatsService.API_URL_PROPERTY, url);
        try {
            AddressFile.write(file, p, "where the running stats service's API listens; removed when it stops");
            written = url;
        } catch (IOException e) {
            // The API works without it; only `ifl report --data-dir` cannot find it (--url still can).
            LOG.warn("cannot write {} ({}); `ifl report` finds this service with --url {} only", file, e, url);
        }
    }

    @PreDestroy
    void remove() {
        String url = written;
        if (url == null) {
            return;
        }
        try {
            if (url.equals(StatsService.readApiUrl(file.getParent()).orElse(null))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot remove {}: {}", file, e.toString());
        }
    }
}
