package io.jobwerk.engine.command;

import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Controller's commands, JSON {@code TYPE} = the record's simple name (as JS7). Order commands are
 * decided by {@code CommandExecutor} into events; server commands (ShutDown, TakeSnapshot …) are
 * carried out by the server.
 */
public sealed interface Command {

    enum Kind {
        ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT,
        DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE, CONTROL_WORKFLOW_PATH,
        CONTROL_WORKFLOW, BATCH, RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP, NO_OPERATION, RESET_AGENT,
        RESET_SUBAGENT, CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN
    }

    Kind kind();

    default String typeName() {
        return getClass().getSimpleName();
    }

    record AddOrder(FreshOrder order) implements Command {
        public AddOrder {
            Objects.requireNonNull(order, "order");
        }

        @Override public Kind kind() { return Kind.ADD_ORDER; }
    }

    record AddOrders(List<FreshOrder> orders) implements Command {
        public AddOrders {
            orders = List.copyOf(orders);
        }

        @Override public Kind kind() { return Kind.ADD_ORDERS; }
    }

    record CancelOrders(List<OrderId> orderIds, CancellationMode mode) implements Command {
        public CancelOrders {
            orderIds = List.copyOf(orderIds);
            Objects.requireNonNull(mode, "mode");
        }

        @Override public Kind kind() { return Kind.CANCEL_ORDERS; }
    }

    record SuspendOrders(List<OrderId> orderIds, SuspensionMode mode) implements Command {
        public SuspendOrders {
            orderIds = List.copyOf(orderIds);
            Objects.requireNonNull(mode, "mode");
        }

        @Override public Kind kind() { return Kind.SUSPEND_ORDERS; }
    }

    /**
     * @param restartKilledJob whether a job an operator killed runs again (its {@code Killed} outcome is
     *     dropped); when not given, as JS7: when the last outcome is {@code Killed} and the job is restartable
     */
    record ResumeOrder(OrderId orderId, Optional<Position> position, List<HistoryOperation> historyOperations,
                       boolean asSucceeded, Optional<Boolean> restartKilledJob) implements Command {
        public ResumeOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(position, "position");
            historyOperations = List.copyOf(historyOperations);
            Objects.requireNonNull(restartKilledJob, "restartKilledJob");
        }

        @Override public Kind kind() { return Kind.RESUME_ORDER; }
    }

    /** @param restartKilledJob as in {@link ResumeOrder} */
    record ResumeOrders(List<OrderId> orderIds, boolean asSucceeded, Optional<Boolean> restartKilledJob) implements Command {
        public ResumeOrders {
            orderIds = List.copyOf(orderIds);
            Objects.requireNonNull(restartKilledJob, "restartKilledJob");
        }

        @Override public Kind kind() { return Kind.RESUME_ORDERS; }
    }

    /** Lets an order waiting at {@code position} (delay, sleep, prompt, cycle, admission) go on at once. */
    record GoOrder(OrderId orderId, Position position) implements Command {
        public GoOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(position, "position");
        }

        @Override public Kind kind() { return Kind.GO_ORDER; }
    }

    record AnswerOrderPrompt(OrderId orderId) implements Command {
        public AnswerOrderPrompt {
            Objects.requireNonNull(orderId, "orderId");
        }

        @Override public Kind kind() { return Kind.ANSWER_ORDER_PROMPT; }
    }

    record DeleteOrdersWhenTerminated(List<OrderId> orderIds) implements Command {
        public DeleteOrdersWhenTerminated {
            orderIds = List.copyOf(orderIds);
        }

        @Override public Kind kind() { return Kind.DELETE_ORDERS_WHEN_TERMINATED; }
    }

    record ChangeOrder(OrderId orderId, Optional<BigDecimal> priority) implements Command {
        public ChangeOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(priority, "priority");
        }

        @Override public Kind kind() { return Kind.CHANGE_ORDER; }
    }

    /** Moves all orders of the given (older) workflow version to the newest version of its path. */
    record TransferOrders(WorkflowId workflowId) implements Command {
        public TransferOrders {
            Objects.requireNonNull(workflowId, "workflowId");
        }

        @Override public Kind kind() { return Kind.TRANSFER_ORDERS; }
    }

    record PostNotice(NoticeId noticeId, Optional<Instant> endOfLife) implements Command {
        public PostNotice {
            Objects.requireNonNull(noticeId, "noticeId");
            Objects.requireNonNull(endOfLife, "endOfLife");
        }

        @Override public Kind kind() { return Kind.POST_NOTICE; }
    }

    record DeleteNotice(NoticeId noticeId) implements Command {
        public DeleteNotice {
            Objects.requireNonNull(noticeId, "noticeId");
        }

        @Override public Kind kind() { return Kind.DELETE_NOTICE; }
    }

    /** Suspends or resumes a workflow path; sets ({@code true}) or clears ({@code false}) skipping of labels. */
    record ControlWorkflowPath(WorkflowPath workflowPath, Optional<Boolean> suspend, Map<Label, Boolean> skip) implements Command {
        public ControlWorkflowPath {
            Objects.requireNonNull(workflowPath, "workflowPath");
            Objects.requireNonNull(suspend, "suspend");
            skip = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skip));
        }

        @Override public Kind kind() { return Kind.CONTROL_WORKFLOW_PATH; }
    }

    record ControlWorkflow(WorkflowId workflowId, Set<Position> addBreakpoints, Set<Position> removeBreakpoints) implements Command {
        public ControlWorkflow {
            Objects.requireNonNull(workflowId, "workflowId");
            addBreakpoints = Set.copyOf(addBreakpoints);
            removeBreakpoints = Set.copyOf(removeBreakpoints);
        }

        @Override public Kind kind() { return Kind.CONTROL_WORKFLOW; }
    }

    record Batch(List<Command> commands) implements Command {
        public Batch {
            commands = List.copyOf(commands);
        }

        @Override public Kind kind() { return Kind.BATCH; }
    }

    /**
     * The daily plan's commands, carried out by the Controller's daily-plan service for the plan dates
     * {@code dateFrom} to {@code dateTo} (both included). Not JS7 engine commands: JOC offers them in
     * its own API; here they go through the Controller's command route.
     */
    sealed interface DailyPlanCommand extends Command permits CreateDailyPlan, SubmitDailyPlan, CancelDailyPlan, DeleteDailyPlan {
        java.time.LocalDate dateFrom();

        java.time.LocalDate dateTo();

        static void requireRange(java.time.LocalDate from, java.time.LocalDate to) {
            Objects.requireNonNull(from, "dateFrom");
            Objects.requireNonNull(to, "dateTo");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("dateTo " + to + " lies before dateFrom " + from);
            }
            if (java.time.temporal.ChronoUnit.DAYS.between(from, to) > 366) {
                throw new IllegalArgumentException("a daily-plan command spans at most 367 days");
            }
        }
    }

    /** Plans the schedules' orders for the dates; orders planned before (also deleted ones) stay as they are. */
    record CreateDailyPlan(java.time.LocalDate dateFrom, java.time.LocalDate dateTo) implements DailyPlanCommand {
        public CreateDailyPlan {
            DailyPlanCommand.requireRange(dateFrom, dateTo);
        }

        @Override public Kind kind() { return Kind.CREATE_DAILY_PLAN; }
    }

    /** Adds the planned orders of the dates to the Controller. */
    record SubmitDailyPlan(java.time.LocalDate dateFrom, java.time.LocalDate dateTo) implements DailyPlanCommand {
        public SubmitDailyPlan {
            DailyPlanCommand.requireRange(dateFrom, dateTo);
        }

        @Override public Kind kind() { return Kind.SUBMIT_DAILY_PLAN; }
    }

    /** Cancels the submitted orders of the dates that have not started; they are planned again. */
    record CancelDailyPlan(java.time.LocalDate dateFrom, java.time.LocalDate dateTo) implements DailyPlanCommand {
        public CancelDailyPlan {
            DailyPlanCommand.requireRange(dateFrom, dateTo);
        }

        @Override public Kind kind() { return Kind.CANCEL_DAILY_PLAN; }
    }

    /** Removes the planned (not submitted) orders of the dates; planning again does not re-create them. */
    record DeleteDailyPlan(java.time.LocalDate dateFrom, java.time.LocalDate dateTo) implements DailyPlanCommand {
        public DeleteDailyPlan {
            DailyPlanCommand.requireRange(dateFrom, dateTo);
        }

        @Override public Kind kind() { return Kind.DELETE_DAILY_PLAN; }
    }

    record ReleaseEvents(long untilEventId) implements Command {
        @Override public Kind kind() { return Kind.RELEASE_EVENTS; }
    }

    record TakeSnapshot() implements Command {
        @Override public Kind kind() { return Kind.TAKE_SNAPSHOT; }
    }

    /** {@code clusterAction} is {@code Switchover} or {@code Failover} for a cluster node. */
    record ShutDown(boolean restart, Optional<String> clusterAction, boolean suppressSnapshot) implements Command {
        public ShutDown {
            Objects.requireNonNull(clusterAction, "clusterAction");
        }

        @Override public Kind kind() { return Kind.SHUT_DOWN; }
    }

    record EmergencyStop(boolean restart) implements Command {
        @Override public Kind kind() { return Kind.EMERGENCY_STOP; }
    }

    record NoOperation() implements Command {
        @Override public Kind kind() { return Kind.NO_OPERATION; }
    }

    record ResetAgent(AgentPath agentPath, boolean force) implements Command {
        public ResetAgent {
            Objects.requireNonNull(agentPath, "agentPath");
        }

        @Override public Kind kind() { return Kind.RESET_AGENT; }
    }

    record ResetSubagent(SubagentId subagentId, boolean force) implements Command {
        public ResetSubagent {
            Objects.requireNonNull(subagentId, "subagentId");
        }

        @Override public Kind kind() { return Kind.RESET_SUBAGENT; }
    }
}
