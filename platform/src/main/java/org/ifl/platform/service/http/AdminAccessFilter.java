package org.ifl.platform.service.http;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * Who may do what on a service's HTTP server. Anyone may read: {@code /health} (its status), {@code /metrics},
 * {@code /prometheus} and a stage's data API. The operator, who sends {@code Authorization: Bearer <token>} with
 * the token of {@link AdminAccess}, may also see {@code /health}'s details and use the management endpoints left
 * enabled ({@code /loggers}). Every request that is not a read (not GET, HEAD or OPTIONS), and every request to a
 * management endpoint other than those anyone may read, is the operator's: without the token it gets 401, and with
 * no token configured nobody gets past. Every other management endpoint is disabled in {@code application.yml}.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class AdminAccessFilter implements HttpServerFilter {
    /** Management endpoints that anyone may read; health shows its details to the operator only. */
    static final Set<String> PUBLIC_ENDPOINTS = Set.of("health", "metrics", "prometheus");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Principal OPERATOR = () -> "operator";
    private static final String REFUSAL = "this request needs the operator's token: send 'Authorization: Bearer "
            + "<token>' with the token the service was given in " + AdminAccess.TOKEN_CONFIG + " (environment "
            + "IFL_HTTP_ADMIN_TOKEN) or " + AdminAccess.TOKEN_FILE_CONFIG;

    private final AdminAccess access;

    AdminAccessFilter(AdminAccess access) {
        this.access = access;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<String> endpoint = endpointOf(request);
        boolean operatorOnly = !READS.contains(request.getMethod())
                || endpoint.filter(id -> !PUBLIC_ENDPOINTS.contains(id)).isPresent();
        boolean asksForDetails = endpoint.filter("health"::equals).isPresent()
                && request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
        if (!operatorOnly && !asksForDetails) {
            return chain.proceed(request);
        }
        if (!access.accepts(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return Publishers.just(HttpResponse.unauthorized()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(Map.of("message", REFUSAL)));
        }
        // What health's details-visible AUTHENTICATED looks for.
        request.setUserPrincipal(OPERATOR);
        return chain.proceed(request);
    }

    /** The id of the management endpoint the request goes to, if it goes to one. */
    private static Optional<String> endpointOf(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .flatMap(match -> ((MethodBasedRouteMatch<?, ?>) match).getAnnotationMetadata()
                        .stringValue(Endpoint.class));
    }

    @Override
    public int getOrder() {
        // Before Micronaut's own check of sensitive endpoints, which refuses them to everyone.
        return ServerFilterPhase.SECURITY.before();
    }
}
