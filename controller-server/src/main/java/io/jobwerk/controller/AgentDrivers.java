package io.jobwerk.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.CommitListener;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Controller's {@link AgentDriver}s, one per AgentRef whose director is deployed, kept in step
 * with the committed events: a driver is started for a new AgentRef, replaced when its director's URI
 * changes, closed when the AgentRef is deleted, and told of the order events its Agent must hear.
 */
final class AgentDrivers implements CommitListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDrivers.class);

    private final EngineKeeper keeper;
    private final ControllerConf conf;
    private final Scheduler scheduler;
    private final Map<AgentPath, AgentDriver> drivers = new ConcurrentHashMap<>();
    private final Map<AgentPath, String> driverUris = new ConcurrentHashMap<>();
    private final ExecutorService closer;
    private boolean closed; // guarded by this

    AgentDrivers(EngineKeeper keeper, ControllerConf conf, Scheduler scheduler) {
        this.keeper = keeper;
        this.conf = conf;
        this.scheduler = scheduler;
        this.closer = scheduler.pool("agent-driver-closer", 1);
    }

    /** The driver of this Agent, if its AgentRef and director are deployed. */
    Optional<AgentDriver> driver(AgentPath agentPath) {
        return Optional.ofNullable(drivers.get(agentPath));
    }

    /** The Agents with a driver. */
    Set<AgentPath> agentPaths() {
        return Set.copyOf(drivers.keySet());
    }

    /** Why the order does not move on, as its Agent says; empty when the order is not attached or its Agent cannot answer. */
    Optional<JsonNode> obstaclesFromAgent(Order order) {
        return order.attachedState()
                .filter(a -> a instanceof AttachedState.Attached)
                .flatMap(a -> driver(a.agentPath()))
                .flatMap(d -> d.obstacles(order.id()).toOptional());
    }

    @Override
    public void committed(List<Stamped<? extends Event>> events, EngineState state) {
        boolean itemsChanged = false;
        for (Stamped<? extends Event> s : events) {
            Event e = s.keyedEvent().event();
            if (e instanceof ItemEvent) {
                itemsChanged = true;
                if (e instanceof ItemEvent.ItemDeleted deleted && !deleted.key().startsWith("Workflow:")) {
                    drivers.values().forEach(d -> d.detach(deleted.key()));
                }
            } else if (e instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                Order order = state.orders().get(new OrderId(s.keyedEvent().key().get()));
                if (order != null && order.attachedState().isPresent()) {
                    AgentDriver driver = drivers.get(order.attachedState().get().agentPath());
                    if (driver != null && e instanceof OrderEvent.OrderTransferred) {
                        driver.transferred(order.id());
                    } else if (driver != null && needsAgent((OrderEvent) e)) {
                        driver.touch(order.id());
                    }
                }
            }
        }
        if (itemsChanged) {
            sync(state);
            drivers.values().forEach(AgentDriver::itemsChanged);
        }
    }

    /** Events after which the Agent must hear from the Controller: attach, detach, a mark. */
    private static boolean needsAgent(OrderEvent e) {
        return switch (e.kind()) {
            // ATTACHED: a mark set while the order was still attaching goes out once the Agent has it
            case ATTACHABLE, ATTACHED, DETACHABLE, CANCELLATION_MARKED, SUSPENSION_MARKED, RESUMPTION_MARKED, GO_MARKED -> true;
            default -> false;
        };
    }

    /**
     * One driver per AgentRef whose director is known. Called on the keeper's thread (a commit
     * listener): a driver closes on {@link #closer}, since closing its client waits for its connections.
     */
    synchronized void sync(EngineState state) {
        if (closed) {
            return; // a commit after close (the keeper closes later) starts no driver that nothing would close
        }
        for (AgentPath path : List.copyOf(drivers.keySet())) {
            if (state.agentRef(path).isFail()) {
                LOG.info("Agent " + path + " deleted: its driver stops");
                AgentDriver old = drivers.remove(path);
                driverUris.remove(path);
                closer.execute(old::close);
            }
        }
        for (Item item : state.items().values()) {
            if (item instanceof Item.AgentRef agent) {
                Optional<Item.SubagentItem> director = state.subagent(agent.directors().get(0)).toOptional();
                if (director.isEmpty()) {
                    continue;
                }
                String uri = director.get().uri();
                if (!uri.equals(driverUris.get(agent.path()))) {
                    AgentDriver old = drivers.remove(agent.path());
                    if (old != null) {
                        closer.execute(old::close);
                    }
                    drivers.put(agent.path(), new AgentDriver(agent.path(), uri, keeper, conf.agentUserId(), conf.agentPassword(), scheduler).start());
                    driverUris.put(agent.path(), uri);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drivers.values().forEach(AgentDriver::close);
        closer.shutdown();
    }

}
