package org.ifl.statsstream.internal.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import java.util.List;
import org.ifl.statsstream.AlertView;
import org.ifl.statsstream.StatsService;
import org.reactivestreams.Publisher;

/**
 * What the dashboard follows live, from this instance's {@link StatsFeed}: the latest alerts and the event
 * stream. Both cover every model on every instance (the feed tails the whole topics), so neither is forwarded.
 * Neither blocks: an open event stream holds no thread.
 */
@Controller
@Requires(beans = StatsService.class)
final class LiveController {
    static final int DEFAULT_ALERTS = 200;
    private final StatsFeed feed;

    LiveController(StatsFeed feed) {
        this.feed = feed;
    }

    /** The latest eval.alerts records, newest first, each with whether it is open. */
    @Get(uri = "/alerts", produces = MediaType.APPLICATION_JSON)
    public List<AlertView> alerts(@Nullable @QueryValue String model, @Nullable @QueryValue String checkpoint,
            @Nullable @QueryValue Integer limit) {
        if (limit != null && limit < 1) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "limit: 1 or more, not " + limit);
        }
        return feed.alerts(model, checkpoint, limit == null ? DEFAULT_ALERTS : limit);
    }

    /** Server-sent events: hello, then stats changes and alerts of {@code model} and {@code checkpoint} (any if none). */
    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> events(@Nullable @QueryValue String model,
            @Nullable @QueryValue String checkpoint) {
        return feed.events(model, checkpoint);
    }
}
