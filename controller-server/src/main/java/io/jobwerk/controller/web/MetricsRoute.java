package io.jobwerk.controller.web;

import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.util.function.Supplier;

/** {@code GET /metrics}: the Controller's metrics in Prometheus' text format, for users who may read metrics. */
public final class MetricsRoute {

    private final String contentType;
    private final Supplier<String> text;

    public MetricsRoute(String contentType, Supplier<String> text) {
        this.contentType = contentType;
        this.text = text;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/metrics", auth.require(Permission.ReadMetrics, (ex, u) -> Exchanges.respond(ex, 200, contentType, text.get())));
    }
}
