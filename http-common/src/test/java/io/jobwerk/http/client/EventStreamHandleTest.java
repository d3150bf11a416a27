package io.jobwerk.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.MemoryEventFeed;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.http.server.WebServerConf;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A read of a real event stream on loopback, cancelled through its handle while its long poll waits for an hour. */
class EventStreamHandleTest {

    private static final Duration HOUR_LONG_POLL = Duration.ofHours(1);

    private final MemoryEventFeed feed = new MemoryEventFeed(5, Clock.systemUTC(), 0);
    private EventRoute route;
    private WebServer server;
    private EngineClient client;

    @BeforeEach
    void start() {
        route = new EventRoute(feed, e -> "{\"eventId\":" + e.eventId() + ",\"TYPE\":\"" + e.keyedEvent().event().typeName() + "\"}");
        server = WebServer.start(WebServerConf.loopback(0), new RoutingHandler().get("/api/event", route::handle));
        client = new EngineClient("http://127.0.0.1:" + server.port() + "/api", "u", "p");
    }

    @AfterEach
    void stop() {
        client.close();
        route.close();
        server.close();
    }

    @Test
    void aCancelledReadReturnsTheLastEventIdWithoutWaitingForItsPollToEnd() throws Exception {
        feed.add(List.of(KeyedEvent.of("a", new OrderEvent.OrderStarted())));
        EventStreamHandle handle = new EventStreamHandle();
        CountDownLatch firstEvent = new CountDownLatch(1);
        CompletableFuture<Checked<Long>> read = CompletableFuture.supplyAsync(() -> client.readEvents(0, HOUR_LONG_POLL, handle, json -> {
            firstEvent.countDown();
            return true; // read on: only the handle ends this read
        }));
        assertThat(firstEvent.await(30, TimeUnit.SECONDS)).as("the first event came").isTrue();

        handle.cancel();

        assertThat(read.get(30, TimeUnit.SECONDS)).as("ended by the cancel, an hour before its poll would").isEqualTo(Checked.ok(feed.lastEventId()));
    }

    @Test
    void aReadWhoseHandleIsCancelledBeforeItStartsSendsNothing() {
        feed.add(List.of(KeyedEvent.of("a", new OrderEvent.OrderStarted())));
        EventStreamHandle handle = new EventStreamHandle();
        handle.cancel();

        Checked<Long> read = client.readEvents(0, HOUR_LONG_POLL, handle, json -> {
            throw new AssertionError("no event is read: " + json);
        });

        assertThat(read).isEqualTo(Checked.ok(0L));
    }

    @Test
    void aReadEndedByTheServerIsNotTakenForCancelled() {
        EventStreamHandle handle = new EventStreamHandle();

        Checked<Long> read = client.readEvents(0, Duration.ZERO, handle, json -> true);

        assertThat(read).isEqualTo(Checked.ok(0L));
        assertThat(handle.isCancelled()).isFalse();
    }
}
