package io.jobwerk.controller;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.CommitListener;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Controller's Prometheus metrics ({@code GET /metrics}): {@code jobwerk_orders{state}} kept up to
 * date from the committed events (a scrape does not look at the orders), {@code jobwerk_last_event_id}
 * and {@code jobwerk_workflows} read when scraped. A registry of its own, so Controllers in one JVM do not mix.
 */
final class ControllerMetrics implements CommitListener {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final OrderStateCounts counts;
    private final Gauge orders;

    ControllerMetrics(EngineState recovered, LongSupplier lastEventId, Supplier<EngineState> state) {
        this.counts = new OrderStateCounts(recovered);
        this.orders = Gauge.builder().name("jobwerk_orders").help("Orders by state.").labelNames("state").register(registry);
        GaugeWithCallback.builder().name("jobwerk_last_event_id").help("The id of the newest committed event.")
                .callback(callback -> callback.call(lastEventId.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("jobwerk_workflows").help("Deployed workflow versions.")
                .callback(callback -> callback.call(state.get().workflows().size())).register(registry);
        publish();
    }

    @Override
    public void committed(List<Stamped<? extends Event>> events, EngineState state) {
        counts.committed(events, state);
        publish();
    }

    private void publish() {
        for (Map.Entry<OrderState.Kind, Integer> e : counts.counts().entrySet()) {
            orders.labelValues(e.getKey().typeName()).set(e.getValue());
        }
    }

    /** The metrics in Prometheus' text format ({@link #CONTENT_TYPE}). */
    String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
