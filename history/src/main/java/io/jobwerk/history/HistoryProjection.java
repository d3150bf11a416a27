package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the Controller's events into history rows. It follows each order as the engine does (the
 * same {@link Order#applyEvent}), so it knows where a step runs and which job it is, and keeps the
 * workflow versions it saw for the job names. Pure: no I/O, no clock (times are the events').
 * Not thread-safe: one ingesting thread owns it.
 */
final class HistoryProjection {
    private final Map<String, LiveOrder> live;
    private final Map<WorkflowId, Workflow> workflows;
    private final Function<WorkflowId, Optional<Workflow>> fallbackWorkflow;
    private long skipped;

    /**
     * @param fallbackWorkflow a workflow version not seen in the events (the history started after it
     *                         was deployed), e.g. from the Controller's current state
     */
    HistoryProjection(Map<String, LiveOrder> live, Map<WorkflowId, Workflow> workflows,
                      Function<WorkflowId, Optional<Workflow>> fallbackWorkflow) {
        this.live = new HashMap<>(live);
        this.workflows = new HashMap<>(workflows);
        this.fallbackWorkflow = fallbackWorkflow;
    }

    int liveOrderCount() {
        return live.size();
    }

    /** Events of orders the history does not follow (it started after they were added). */
    long skippedEvents() {
        return skipped;
    }

    void apply(Stamped<? extends Event> stamped, HistoryBatch batch) {
        batch.lastEventId = stamped.eventId();
        batch.eventCount++;
        Event event = stamped.keyedEvent().event();
        if (event instanceof ItemEvent.VersionedItemAdded added) {
            addWorkflow(added.workflow(), batch);
        } else if (event instanceof ItemEvent.VersionedItemChanged changed) {
            addWorkflow(changed.workflow(), batch);
        } else if (event instanceof OrderEvent orderEvent && stamped.keyedEvent().key().isPresent()) {
            applyOrderEvent(stamped.keyedEvent().key().get(), orderEvent, stamped.eventId(), stamped.effectiveTimestampMillis(), batch);
        }
    }

    private void addWorkflow(Workflow workflow, HistoryBatch batch) {
        if (workflows.put(workflow.id(), workflow) == null) {
            batch.workflows.add(workflow);
        }
    }

    private void applyOrderEvent(String orderId, OrderEvent event, long eventId, long at, HistoryBatch batch) {
        if (event instanceof OrderEvent.OrderAdded added) {
            Order order = Order.fromOrderAdded(new OrderId(orderId), added);
            OrderKey key = new OrderKey(eventId, orderId);
            OrderRow row = newRow(order, key, key, at, added.scheduledFor().map(java.time.Instant::toEpochMilli));
            follow(order, row, batch);
            publish(batch, eventId, at, event, order, row, Optional.empty());
            return;
        }
        LiveOrder before = live.get(orderId);
        if (before == null) {
            skipped++;
            return;
        }
        Checked<Order> next = before.order().applyEvent(event);
        if (next.isFail()) {
            skipped++;
            return;
        }
        Order order = next.orThrow();
        Optional<TaskRow> task = before.task();
        Optional<TaskRow> publishedTask = Optional.empty();
        switch (event.kind()) {
            case ORDER_ADDED -> {
                var e = (OrderEvent.OrderOrderAdded) event;
                Order added = Order.fromOrderOrderAdded(e);
                OrderKey key = new OrderKey(eventId, e.orderId().string());
                follow(added, newRow(added, key, key, at, Optional.empty()), batch);
            }
            case FORKED -> {
                for (OrderEvent.ForkedChild child : ((OrderEvent.OrderForked) event).children()) {
                    Order childOrder = before.order().forkChild(child, child.branchId().map(BranchId::fork).orElse(BranchId.FORK_LIST));
                    OrderRow row = newRow(childOrder, new OrderKey(eventId, child.orderId().string()), before.row().main(), at, Optional.empty());
                    follow(childOrder, new OrderRow(row.key(), row.main(), Optional.of(orderId), row.workflowPath(), row.versionId(),
                            row.state(), row.position(), at, Optional.empty(), at, Optional.empty()), batch);
                }
            }
            case PROCESSING_STARTED -> {
                var e = (OrderEvent.OrderProcessingStarted) event;
                Order o = before.order();
                TaskRow row = new TaskRow(eventId, before.row().key(), before.row().main(), o.workflowId().path().string(),
                        o.workflowId().versionId().string(), o.position().toString(), jobName(o),
                        o.attachedState().map(AttachedState::agentPath).map(a -> a.string()), e.subagentId().string(), at,
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                task = Optional.of(row);
                publishedTask = task;
                batch.task(row);
            }
            case STDOUT_WRITTEN -> batch.chunks.add(new LogChunk(eventId, before.row().main(), task.map(TaskRow::id), 'O',
                    ((OrderEvent.OrderStdoutWritten) event).chunk()));
            case STDERR_WRITTEN -> batch.chunks.add(new LogChunk(eventId, before.row().main(), task.map(TaskRow::id), 'E',
                    ((OrderEvent.OrderStderrWritten) event).chunk()));
            case PROCESSED -> {
                if (task.isPresent()) {
                    Outcome outcome = ((OrderEvent.OrderProcessed) event).outcome();
                    TaskRow ended = task.get().ended(at, returnCode(outcome), outcomeName(outcome), message(outcome));
                    batch.task(ended);
                    publishedTask = Optional.of(ended);
                    task = Optional.empty();
                }
            }
            case JOINED -> {
                if (before.order().state() instanceof OrderState.Forked forked) {
                    for (OrderState.Child child : forked.children()) {
                        LiveOrder joined = live.remove(child.orderId().string());
                        if (joined != null) {
                            String state = joined.order().isState(OrderState.Kind.FAILED_IN_FORK) ? "OrderFailed" : "OrderFinished";
                            batch.order(joined.row().with(state, joined.order().position().toString(), joined.row().startedAt(), Optional.of(at)));
                            batch.live(child.orderId().string(), Optional.empty());
                        }
                    }
                }
            }
            case DELETED -> {
                live.remove(orderId);
                batch.live(orderId, Optional.empty());
                publish(batch, eventId, at, event, order, before.row(), Optional.empty());
                return;
            }
            default -> { }
        }
        long startedAt = event.kind() == OrderEvent.Kind.STARTED ? at : before.row().startedAt();
        OrderState.Kind kind = order.state().kind();
        Optional<Long> endedAt = hasEnded(kind) ? Optional.of(before.row().endedAt().orElse(at)) : Optional.empty();
        OrderRow row = before.row().with(stateName(kind), order.position().toString(), startedAt, endedAt);
        if (!row.equals(before.row())) {
            batch.order(row);
        }
        LiveOrder after = new LiveOrder(order, row, task);
        live.put(orderId, after);
        batch.live(orderId, Optional.of(after));
        publish(batch, eventId, at, event, order, row, publishedTask);
    }

    private static void publish(HistoryBatch batch, long eventId, long at, OrderEvent event, Order order, OrderRow row,
                                Optional<TaskRow> task) {
        if (batch.collectsOutbox && OrderEventMessages.isPublished(event)) {
            batch.outbox.add(OrderEventMessages.of(eventId, at, event, order, row, task));
        }
    }

    private void follow(Order order, OrderRow row, HistoryBatch batch) {
        LiveOrder liveOrder = new LiveOrder(order, row, Optional.empty());
        live.put(order.id().string(), liveOrder);
        batch.order(row);
        batch.live(order.id().string(), Optional.of(liveOrder));
    }

    private static OrderRow newRow(Order order, OrderKey key, OrderKey main, long at, Optional<Long> scheduledFor) {
        return new OrderRow(key, main, order.parent().map(OrderId::string), order.workflowId().path().string(),
                order.workflowId().versionId().string(), stateName(order.state().kind()), order.position().toString(),
                at, scheduledFor, at, Optional.empty());
    }

    private Optional<String> jobName(Order order) {
        Optional<Workflow> workflow = Optional.ofNullable(workflows.get(order.workflowId()));
        if (workflow.isEmpty()) {
            workflow = fallbackWorkflow.apply(order.workflowId());
            workflow.ifPresent(w -> workflows.put(w.id(), w));
        }
        return workflow.flatMap(w -> w.jobName(order.position())).map(JobName::string);
    }

    /** The terminal event's type for an ended order, the state's type for a running one. */
    static String stateName(OrderState.Kind kind) {
        return switch (kind) {
            case FINISHED -> "OrderFinished";
            case CANCELLED -> "OrderCancelled";
            case FAILED, FAILED_WHILE_FRESH -> "OrderFailed";
            default -> kind.typeName();
        };
    }

    /** A failed order may still be resumed: its entry ends, and opens again when it is. */
    private static boolean hasEnded(OrderState.Kind kind) {
        return switch (kind) {
            case FINISHED, CANCELLED, FAILED, FAILED_WHILE_FRESH, DELETED -> true;
            default -> false;
        };
    }

    static String outcomeName(Outcome outcome) {
        return switch (outcome.kind()) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case TIMED_OUT -> "TimedOut";
            case KILLED -> "Killed";
            case CAUGHT -> "Caught";
            case DISRUPTED -> "Disrupted";
        };
    }

    static Optional<Integer> returnCode(Outcome outcome) {
        Value rc = outcome.namedValues().get("returnCode");
        if (rc instanceof Value.NumberValue n) {
            try {
                return Optional.of(n.number().intValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<String> message(Outcome outcome) {
        if (outcome instanceof Outcome.Failed failed) {
            return failed.message();
        } else if (outcome instanceof Outcome.TimedOut timedOut) {
            return message(timedOut.outcome());
        } else if (outcome instanceof Outcome.Killed killed) {
            return message(killed.outcome());
        } else if (outcome instanceof Outcome.Disrupted disrupted) {
            return Optional.of(disrupted.reason() instanceof Outcome.ProcessLost lost
                    ? "process lost" + lost.problem().map(p -> ": " + p.message()).orElse("")
                    : ((Outcome.OtherProblem) disrupted.reason()).problem().message());
        }
        return Optional.empty();
    }
}
