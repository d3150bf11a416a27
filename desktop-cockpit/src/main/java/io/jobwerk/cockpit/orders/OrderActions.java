package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.workflow.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What can be done to a set of selected orders, and doing it: cancel (with or without kill),
 * suspend (also killing the job and leaving a lock), resume (also as succeeded past a failed step),
 * let a waiting order go now, answer a prompt, delete an ended order, change the priority. Each action goes to
 * the orders it applies to as one command; what applies follows the orders' live state, so the
 * Orders table and the order detail offer the same actions under the same rules. The outcome of
 * the last action is {@link #messageProperty}.
 */
public final class OrderActions implements OrderSelectionActions {

    private final LiveModel live;
    private final CommandSender commands;
    private final UiThread ui;
    private final ObservableList<String> selectedIds = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSuspend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAnswer = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canDelete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canChangePriority = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResumeAsSucceeded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canGo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");

    /** The commands these actions send; each needs what the Controller's rule asks (ControlOrder). */
    static final Command.Kind[] KINDS = {Command.Kind.CANCEL_ORDERS, Command.Kind.SUSPEND_ORDERS, Command.Kind.RESUME_ORDERS,
            Command.Kind.RESUME_ORDER, Command.Kind.ANSWER_ORDER_PROMPT, Command.Kind.DELETE_ORDERS_WHEN_TERMINATED, Command.Kind.CHANGE_ORDER,
            Command.Kind.GO_ORDER};

    private static final Set<OrderState.Kind> GOABLE = EnumSet.of(
            OrderState.Kind.FRESH, OrderState.Kind.SLEEPING,
            OrderState.Kind.DELAYING_RETRY, OrderState.Kind.DELAYED_AFTER_ERROR,
            OrderState.Kind.WAITING_FOR_ADMISSION, OrderState.Kind.BETWEEN_CYCLES,
            OrderState.Kind.EXPECTING_NOTICES);

    public OrderActions(LiveModel live, CommandSender commands, UiThread ui) {
        this.live = live;
        this.commands = commands;
        this.ui = ui;
        live.orders().addListener((ListChangeListener<OrderRow>) c -> update());
        selectedIds.addListener((ListChangeListener<String>) c -> update());
        live.permissionsProperty().addListener((o, old, granted) -> update());
        update();
    }

    /**
     * Why the user may not change orders at all (e.g. {@code needs permission ControlOrder; user
     * viewer has ValidUser}); empty when it may. While it is not empty, every action is disabled.
     */
    @Override
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public void select(List<String> orderIds) {
        selectedIds.setAll(orderIds);
    }

    public List<String> selectedIds() {
        return List.copyOf(selectedIds);
    }

    @Override
    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canSuspendProperty() {
        return canSuspend.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canAnswerProperty() {
        return canAnswer.getReadOnlyProperty();
    }

    /** Ended orders (finished, cancelled) that are still at the Controller. */
    @Override
    public ReadOnlyBooleanProperty canDeleteProperty() {
        return canDelete.getReadOnlyProperty();
    }

    /** Exactly one order, not ended (the Controller changes one order's priority at a time). */
    public ReadOnlyBooleanProperty canChangePriorityProperty() {
        return canChangePriority.getReadOnlyProperty();
    }

    /** Failed orders among the selection (see {@link #failedToSkip}). */
    @Override
    public ReadOnlyBooleanProperty canResumeAsSucceededProperty() {
        return canResumeAsSucceeded.getReadOnlyProperty();
    }

    /** Orders among the selection that wait for a time, a cycle, a notice or their start (see {@link #goable}). */
    @Override
    public ReadOnlyBooleanProperty canGoProperty() {
        return canGo.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected orders a cancel applies to (not ended yet). */
    public List<OrderRow> cancellable() {
        return selected(row -> row.group() != StateGroup.FINISHED);
    }

    public List<OrderRow> suspendable() {
        return selected(row -> row.group() != StateGroup.FINISHED && row.group() != StateGroup.SUSPENDED
                && !row.state().contains("suspending"));
    }

    public List<OrderRow> resumable() {
        return selected(row -> row.group() == StateGroup.SUSPENDED || row.group() == StateGroup.FAILED
                || row.state().contains("suspending"));
    }

    public List<OrderRow> prompting() {
        return selected(row -> row.group() == StateGroup.PROMPTING);
    }

    /**
     * The selected failed orders (failed, stopped, broken, killed; not a fork's child that failed in
     * its fork, whose parent decides): resumed as succeeded, each goes on after the instruction where
     * it failed.
     */
    public List<OrderRow> failedToSkip() {
        return selected(row -> live(row).filter(o -> o.state().isFailedOrStopped()
                && o.state().kind() != OrderState.Kind.FAILED_IN_FORK).isPresent());
    }

    /**
     * The selected orders a {@code GoOrder} lets go on now: not started yet (also scheduled for
     * later), sleeping, delayed for a retry, waiting for admission or the next cycle, or expecting
     * notices it consumes. The Controller decides for each again (e.g. a cycle that has ended).
     */
    public List<OrderRow> goable() {
        return selected(row -> live(row).filter(o -> !o.isSuspended() && o.mark().isEmpty() && GOABLE.contains(o.state().kind())).isPresent());
    }


    /** Top-level orders that have ended (finished or cancelled; a fork's child goes with its parent). */
    public List<OrderRow> deletable() {
        return selected(row -> !row.isChild() && row.group() == StateGroup.FINISHED);
    }

    /** Says what a cancel would affect, for the confirmation: {@code Cancel 2 orders (a, b) and kill their running jobs?} */
    @Override
    public String describeCancel(boolean kill) {
        List<OrderRow> rows = cancellable();
        return "Cancel " + count(rows.size()) + " (" + names(rows) + ")" + (kill ? " and kill their running jobs" : "") + "?";
    }

    @Override
    public String describeSuspend() {
        List<OrderRow> rows = suspendable();
        return "Suspend " + count(rows.size()) + " (" + names(rows) + ")?";
    }

    /** {@code Suspend 1 order (a), kill its running job and leave a lock it waits for or holds?} */
    @Override
    public String describeSuspendAndKill() {
        List<OrderRow> rows = suspendable();
        return "Suspend " + count(rows.size()) + " (" + names(rows) + "), kill " + (rows.size() == 1 ? "its running job" : "their running jobs")
                + " and leave " + (rows.size() == 1 ? "a lock it waits for or holds" : "the locks they wait for or hold") + "?";
    }

    @Override
    public String describeResumeAsSucceeded() {
        List<OrderRow> rows = failedToSkip();
        return "Resume " + count(rows.size()) + " (" + names(rows) + ") as succeeded? "
                + (rows.size() == 1 ? "Its failed step counts as succeeded and it goes on" : "Each one's failed step counts as succeeded and it goes on")
                + " with the next instruction.";
    }

    @Override
    public String describeGo() {
        List<OrderRow> rows = goable();
        return "Let " + count(rows.size()) + " (" + names(rows) + ") go on now, without waiting for "
                + (rows.size() == 1 ? "its" : "their") + " time, cycle or notices?";
    }

    @Override
    public String describeDelete() {
        List<OrderRow> rows = deletable();
        return "Delete " + count(rows.size()) + " (" + names(rows) + ") from the Controller? The history keeps them.";
    }

    @Override
    public void cancel(boolean kill) {
        List<OrderId> ids = ids(cancellable());
        send(new Command.CancelOrders(ids, kill ? CancellationMode.kill(false) : new CancellationMode.FreshOrStarted(Optional.empty())),
                ids.isEmpty(), (kill ? "Cancelling (kill) " : "Cancelling ") + count(ids.size()));
    }

    @Override
    public void suspend() {
        List<OrderId> ids = ids(suspendable());
        send(new Command.SuspendOrders(ids, SuspensionMode.STANDARD), ids.isEmpty(), "Suspending " + count(ids.size()));
    }

    /** Suspends, kills the running job (SIGTERM, then SIGKILL after the job's delay) and leaves a lock (JS7's {@code resetState}). */
    @Override
    public void suspendAndKill() {
        List<OrderId> ids = ids(suspendable());
        send(new Command.SuspendOrders(ids, new SuspensionMode(true, CancellationMode.kill(false).killOption())), ids.isEmpty(),
                "Suspending (kill) " + count(ids.size()));
    }

    /**
     * Resumes each failed order after the instruction where it failed, that step's outcome made
     * succeeded ({@code ResumeOrder} with {@code asSucceeded} and the next position; as JS7, resumed
     * where it is the failed job would run again). One {@code Batch} for all.
     */
    @Override
    public void resumeAsSucceeded() {
        List<Command> resumes = new ArrayList<>();
        for (OrderRow row : failedToSkip()) {
            live(row).ifPresent(o -> resumes.add(new Command.ResumeOrder(o.id(), Optional.of(o.position().increment()), List.of(), true, Optional.empty())));
        }
        sendAll(resumes, "Resuming as succeeded " + count(resumes.size()));
    }

    /** Lets each waiting order go on at its position now ({@code GoOrder}); one {@code Batch} for all. */
    @Override
    public void go() {
        List<Command> goes = new ArrayList<>();
        for (OrderRow row : goable()) {
            live(row).ifPresent(o -> goes.add(new Command.GoOrder(o.id(), o.position())));
        }
        sendAll(goes, "Go now for " + count(goes.size()));
    }

    @Override
    public void resume() {
        List<OrderId> ids = ids(resumable());
        send(new Command.ResumeOrders(ids, false, Optional.empty()), ids.isEmpty(), "Resuming " + count(ids.size()));
    }

    @Override
    public void answerPrompt() {
        for (OrderRow row : prompting()) {
            send(new Command.AnswerOrderPrompt(new OrderId(row.orderId())), false, "Answered the prompt of " + row.orderId());
        }
    }

    /** Resumes the one selected resumable order at {@code position} (JS7's "resume from a position"). */
    public void resumeAt(Position position) {
        resumeAt(position, false);
    }

    /**
     * Resumes the one selected resumable order at {@code position}; {@code asSucceeded} makes its
     * last outcome (the failed step's) succeeded, so the variables it returned count and a
     * {@code $returnCode} check after it passes.
     */
    public void resumeAt(Position position, boolean asSucceeded) {
        resumeAt(position, asSucceeded, new ChangedVariables(java.util.Map.of()));
    }

    /** As {@link #resumeAt(Position, boolean)}, the order's variables changed as given (see {@link ChangedVariables}). */
    public void resumeAt(Position position, boolean asSucceeded, ChangedVariables variables) {
        List<OrderRow> rows = resumable();
        Optional<Order> order = rows.size() == 1 ? live(rows.get(0)) : Optional.empty();
        if (order.isEmpty() || selectedIds.size() != 1) {
            message.set("Select one suspended or failed order to resume it at a position");
            return;
        }
        send(new Command.ResumeOrder(order.get().id(), Optional.of(position), variables.historyOperations(order.get()), asSucceeded, Optional.empty()),
                false, "Resuming " + order.get().id().string() + " at " + position + (asSucceeded ? " as succeeded" : "")
                        + (variables.isEmpty() ? "" : " with " + String.join(", ", new java.util.TreeSet<>(variables.values().keySet())) + " changed"));
    }

    /** Shows why an action was not sent (a form's problem, checked before sending). */
    public void refuse(Problem problem) {
        message.set(problem.message());
    }

    @Override
    public void delete() {
        List<OrderId> ids = ids(deletable());
        send(new Command.DeleteOrdersWhenTerminated(ids), ids.isEmpty(), "Deleting " + count(ids.size()));
    }

    /**
     * The new priority of the one selected order, as the operator typed it (a decimal number);
     * a text that is no number is refused here, before anything is sent.
     */
    public Checked<BigDecimal> changePriority(String priorityText) {
        List<OrderRow> rows = selected(row -> row.group() != StateGroup.FINISHED);
        if (rows.size() != 1) {
            return Checked.fail(Problem.of("NotOneOrder", "Select one order that has not ended to change its priority"));
        }
        BigDecimal priority;
        try {
            priority = new BigDecimal(priorityText.trim());
        } catch (NumberFormatException e) {
            return Checked.fail(Problem.of("InvalidPriority", "Priority '" + priorityText + "' is not a number (e.g. 0, 10, -1.5)"));
        }
        send(new Command.ChangeOrder(new OrderId(rows.get(0).orderId()), Optional.of(priority)), false,
                "Priority of " + rows.get(0).orderId() + " set to " + priority.toPlainString());
        return Checked.ok(priority);
    }

    private void send(Command command, boolean nothingApplies, String done) {
        if (nothingApplies) {
            message.set("None of the selected orders can be changed so");
            return;
        }
        message.set(done + " …");
        commands.send(command).thenAccept((Checked<CommandResponse> response) -> ui.execute(() ->
                message.set(response.isFail() ? command.typeName() + " failed: " + response.problemOption().orElseThrow().message() : done)));
    }

    /** One command alone, several as one {@code Batch}; the message names how many the Controller refused and the first reason. */
    private void sendAll(List<Command> list, String done) {
        if (list.size() <= 1) {
            send(list.isEmpty() ? new Command.NoOperation() : list.get(0), list.isEmpty(), done);
            return;
        }
        message.set(done + " …");
        commands.send(new Command.Batch(list)).thenAccept((Checked<CommandResponse> response) -> ui.execute(() -> {
            if (response.isFail()) {
                message.set("Batch failed: " + response.problemOption().orElseThrow().message());
                return;
            }
            List<Problem> refused = response.orThrow() instanceof CommandResponse.BatchResponse batch
                    ? batch.responses().stream().flatMap(r -> r.problemOption().stream()).toList() : List.of();
            message.set(refused.isEmpty() ? done : done + ": " + refused.size() + " refused, e.g. " + refused.get(0).message());
        }));
    }

    private Optional<Order> live(OrderRow row) {
        return Optional.ofNullable(live.stateProperty().get().orders().get(new OrderId(row.orderId())));
    }

    private List<OrderRow> selected(Predicate<OrderRow> predicate) {
        List<OrderRow> rows = new ArrayList<>();
        for (String id : selectedIds) {
            live.row(id).filter(predicate).ifPresent(rows::add);
        }
        return rows;
    }

    private void update() {
        refusal.set(live.permissionsProperty().get().refusal(KINDS));
        boolean allowed = refusal.get().isEmpty();
        canCancel.set(allowed && !cancellable().isEmpty());
        canSuspend.set(allowed && !suspendable().isEmpty());
        canResume.set(allowed && !resumable().isEmpty());
        canAnswer.set(allowed && !prompting().isEmpty());
        canDelete.set(allowed && !deletable().isEmpty());
        canChangePriority.set(allowed && selectedIds.size() == 1 && !cancellable().isEmpty());
        canResumeAsSucceeded.set(allowed && !failedToSkip().isEmpty());
        canGo.set(allowed && !goable().isEmpty());
    }

    private static List<OrderId> ids(List<OrderRow> rows) {
        return rows.stream().map(r -> new OrderId(r.orderId())).toList();
    }

    public static String count(int n) {
        return n + (n == 1 ? " order" : " orders");
    }

    private static String names(List<OrderRow> rows) {
        String shown = rows.stream().limit(5).map(OrderRow::orderId).collect(Collectors.joining(", "));
        return rows.size() > 5 ? shown + " … " + (rows.size() - 5) + " more" : shown;
    }
}
