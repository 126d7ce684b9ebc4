package org.ifl.statsstream.internal.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.net.URI;
import org.ifl.statsstream.StatsService;
import org.reactivestreams.Publisher;

/**
 * The dashboard's files: the classpath's {@code dashboard/} at {@value #PAGES} and the WebJars at
 * {@code /webjars/}, served as static resources ({@code application-stats.yml}); the service's root leads to
 * the dashboard, and its files are revalidated on every load ({@code Cache-Control: no-cache}) so that a page
 * never runs against an API it was not built for.
 */
@Controller
@Requires(beans = StatsService.class)
final class DashboardFiles {
    static final String PAGES = "/dashboard/";

    /** {@code /} leads to the dashboard (303: the browser follows with a GET). */
    @Get("/")
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create(PAGES));
    }

    /**
     * {@code /dashboard}, as typed, leads to {@code /dashboard/}, against which the pages' relative links and
     * scripts resolve. A filter, not a route: a route for {@code /dashboard} would match {@code /dashboard/} too.
     */
    @Filter("/dashboard")
    @Requires(beans = StatsService.class)
    static final class WithoutSlash implements HttpServerFilter {
        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            return request.getPath().equals("/dashboard")
                    ? Publishers.just(HttpResponse.seeOther(URI.create(PAGES)))
                    : chain.proceed(request);
        }
    }

    /** {@code Cache-Control: no-cache} on every dashboard file. */
    @Filter(PAGES + "**")
    @Requires(beans = StatsService.class)
    static final class Revalidated implements HttpServerFilter {
        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            return Publishers.map(chain.proceed(request), response -> response.header(HttpHeaders.CACHE_CONTROL,
                    "no-cache"));
        }
    }
}
