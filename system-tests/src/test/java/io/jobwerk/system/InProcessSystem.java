package io.jobwerk.system;

import io.jobwerk.cli.Standalone;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.harness.JobwerkSystem;
import io.jobwerk.harness.Login;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The standalone system in this JVM (as {@code jobwerk standalone} starts it, through the harness's
 * {@link JobwerkSystem}), with the Controller's committed order events recorded per order: for
 * system tests and the benchmarks.
 */
public final class InProcessSystem implements AutoCloseable {

    private final JobwerkSystem system;
    private final Map<String, List<Stamped<? extends Event>>> orderEvents = new ConcurrentHashMap<>();

    private InProcessSystem(JobwerkSystem system, boolean record, Consumer<Stamped<? extends Event>> listener) {
        this.system = system;
        system.controller().keeper().addListener((events, state) -> {
            for (Stamped<? extends Event> s : events) {
                if (s.keyedEvent().event() instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                    if (record) {
                        List<Stamped<? extends Event>> list = orderEvents.computeIfAbsent(s.keyedEvent().key().get(), k -> new ArrayList<>());
                        synchronized (list) {
                            list.add(s);
                        }
                    }
                    listener.accept(s);
                }
            }
        });
    }

    /** Starts on free ports without fsync, recording every order event. */
    public static InProcessSystem start(Path data) throws Exception {
        return start(data, false, true, s -> { });
    }

    /** @param listener told of each committed order event, on the Controller's keeper thread */
    public static InProcessSystem start(Path data, boolean fsync, boolean record, Consumer<Stamped<? extends Event>> listener) throws Exception {
        JobwerkSystem system = JobwerkSystem.in(data).standalone().user(Login.of("test", "test-pass-1")).fsync(fsync).start();
        return new InProcessSystem(system, record, listener);
    }

    public Standalone standalone() {
        return system.standalone();
    }

    /** Deploys workflows given as JS7 JSON (unsigned, as standalone allows), all of version {@code versionId}. */
    public void deployWorkflows(String versionId, String... workflowJson) {
        StringBuilder ndjson = new StringBuilder("{\"TYPE\":\"AddVersion\",\"versionId\":\"" + versionId + "\"}\n");
        for (String json : workflowJson) {
            ndjson.append("{\"TYPE\":\"AddOrChangeSimple\",\"item\":").append(json.replace('\n', ' ')).append("}\n");
        }
        List<ItemOperation> operations = ItemOperationJson.decodeNdjson(ndjson.toString()).orThrow();
        Checked<Boolean> deployed = system.controller().deploy(operations);
        if (deployed.isFail()) {
            throw new IllegalStateException("Deployment failed: " + deployed.problemOption().orElseThrow());
        }
    }

    /** Deploys simple items given as JS7 JSON (Lock, GlobalBoard, JobResource …). */
    public void deployItems(String... itemJson) {
        StringBuilder ndjson = new StringBuilder();
        for (String json : itemJson) {
            ndjson.append("{\"TYPE\":\"AddOrChangeSimple\",\"item\":").append(json.replace('\n', ' ')).append("}\n");
        }
        Checked<Boolean> deployed = system.controller().deploy(ItemOperationJson.decodeNdjson(ndjson.toString()).orThrow());
        if (deployed.isFail()) {
            throw new IllegalStateException("Deployment failed: " + deployed.problemOption().orElseThrow());
        }
    }

    /**
     * Waits until the Agent holds no order of this order's family (itself, its children) any more;
     * returns those it still holds when the time is up.
     */
    public List<String> awaitAgentWithoutOrdersOf(String orderId, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            List<String> left = system.standalone().agent().keeper().state().orders().keySet().stream()
                    .map(OrderId::string)
                    .filter(id -> id.equals(orderId) || id.startsWith(orderId + OrderId.CHILD_SEPARATOR))
                    .sorted().toList();
            if (left.isEmpty() || System.currentTimeMillis() > deadline) {
                return left;
            }
            Thread.sleep(5);
        }
    }

    public Checked<CommandResponse> execute(Command command) throws Exception {
        return system.controller().keeper().execute(command).get(60, TimeUnit.SECONDS);
    }

    public void addOrder(FreshOrder order) throws Exception {
        execute(new Command.AddOrder(order)).orThrow();
    }

    /** The order's committed events so far. */
    public List<Stamped<? extends Event>> events(String orderId) {
        List<Stamped<? extends Event>> list = orderEvents.getOrDefault(orderId, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The order's event names (simple class names, e.g. {@code OrderAdded}). */
    public List<String> eventNames(String orderId) {
        return events(orderId).stream().map(s -> s.keyedEvent().event().getClass().getSimpleName()).toList();
    }

    /** Waits until an event of the order satisfies {@code predicate}; returns the order's events. */
    public List<Stamped<? extends Event>> awaitEvent(String orderId, Predicate<Event> predicate, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<Stamped<? extends Event>> events = events(orderId);
            if (events.stream().anyMatch(s -> predicate.test(s.keyedEvent().event()))) {
                return events;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("Order " + orderId + ": awaited event did not come; events: " + eventNames(orderId));
    }

    @Override
    public void close() {
        system.close();
    }
}
