package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.ExternalOrderLink;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Controller's decision for one scan of a {@code FileWatch}'s directory (js7-reference §7): the
 * stable files (those unchanged for the watch's {@code delay}, as the Agent reports them) against the
 * orders linked to the watch ({@link ExternalOrderLink}).
 * <ul>
 *   <li>a file without a linked order gets one, {@code OrderAdded} with argument {@code file} = the
 *       absolute path, id {@code #DATE#F<epochMillis>-<watch path>:<file name>} (JS7's default; the
 *       watch's {@code orderExpr} is not evaluated yet);</li>
 *   <li>an order whose file is gone gets {@code OrderExternalVanished};</li>
 *   <li>an order whose file is gone and that has terminated and is back at the Controller is
 *       deleted ({@code OrderDeleted}) — so a file the workflow does not remove keeps its finished
 *       order, and a re-created file gets a new order only after the old one was deleted.</li>
 * </ul>
 */
public final class FileWatchExecutor {
    private FileWatchExecutor() {}

    public static Checked<List<KeyedEvent<OrderEvent>>> execute(EngineState state, Item.FileWatch watch, String directory,
                                                               Set<String> files, Instant now) {
        Checked<Workflow> workflow = state.currentWorkflow(watch.workflowPath());
        if (workflow.isFail()) {
            return Checked.fail(workflow.problemOption().orElseThrow().withPrefix("FileWatch '" + watch.path() + "'"));
        }
        List<KeyedEvent<OrderEvent>> events = new ArrayList<>();
        Set<String> ordered = new TreeSet<>();
        for (Order order : state.orders().values()) {
            Optional<ExternalOrderLink> link = order.externalOrder().filter(l -> l.fileWatchPath().equals(watch.path()));
            if (link.isEmpty()) {
                continue;
            }
            ordered.add(link.get().name());
            boolean vanished = link.get().vanished() || !files.contains(link.get().name());
            if (!link.get().vanished() && vanished) {
                events.add(KeyedEvent.of(order.id().string(), new OrderEvent.OrderExternalVanished()));
            }
            if (vanished && order.state().isTerminated() && order.attachedState().isEmpty() && order.parent().isEmpty()) {
                events.add(KeyedEvent.of(order.id().string(), new OrderEvent.OrderDeleted()));
            }
        }
        String date = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(now);
        String dir = directory.endsWith("/") ? directory : directory + "/";
        for (String file : new TreeSet<>(files)) {
            if (ordered.contains(file)) {
                continue;
            }
            OrderId id = new OrderId("#" + date + "#F" + now.toEpochMilli() + "-" + watch.path().string() + ":" + file);
            if (state.orders().containsKey(id)) {
                continue;
            }
            events.add(KeyedEvent.of(id.string(), new OrderEvent.OrderAdded(workflow.orThrow().id(), Map.of("file", Value.of(dir + file)),
                    Optional.empty(), PlanId.GLOBAL, Optional.of(new ExternalOrderLink(watch.path(), file, false)), false, false,
                    Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)));
        }
        return Checked.ok(events);
    }
}
