package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.orders.OrderActions;
import io.jobwerk.cockpit.orders.OrderSelectionActions;
import io.jobwerk.cockpit.ui.UiThread;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Orders actions over several Controllers' orders: one {@link OrderActions} per Controller with
 * that Controller's selected orders, its live state and its user's permissions, so each command goes
 * to the orders' own Controller as that Controller's rules allow. An action applies when it applies
 * at one Controller at least; its question names each Controller's part and the Controllers whose
 * user may not, whose orders are left as they are.
 */
final class MergedOrderActions implements OrderSelectionActions {

    /** The actions and whether each applies at one Controller. */
    private enum Action {
        CANCEL(OrderActions::canCancelProperty), SUSPEND(OrderActions::canSuspendProperty), RESUME(OrderActions::canResumeProperty),
        ANSWER(OrderActions::canAnswerProperty), DELETE(OrderActions::canDeleteProperty),
        RESUME_AS_SUCCEEDED(OrderActions::canResumeAsSucceededProperty), GO(OrderActions::canGoProperty);

        final Function<OrderActions, ReadOnlyBooleanProperty> applies;

        Action(Function<OrderActions, ReadOnlyBooleanProperty> applies) {
            this.applies = applies;
        }
    }

    private final UiThread ui;
    private final Map<ControllerSource, OrderActions> parts = new LinkedHashMap<>();
    private final Map<ControllerSource, Integer> selectedCount = new LinkedHashMap<>();
    private final EnumMap<Action, ReadOnlyBooleanWrapper> applies = new EnumMap<>(Action.class);
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final List<ControllerSource> lastActed = new ArrayList<>();
    private final InvalidationListener onPart = o -> update();

    MergedOrderActions(UiThread ui) {
        this.ui = ui;
        for (Action action : Action.values()) {
            applies.put(action, new ReadOnlyBooleanWrapper());
        }
    }

    void add(ControllerSource source) {
        OrderActions part = new OrderActions(source.live(), source.commands(), ui);
        parts.put(source, part);
        for (Action action : Action.values()) {
            action.applies.apply(part).addListener(onPart);
        }
        part.refusalProperty().addListener(onPart);
        part.messageProperty().addListener(o -> describeOutcome());
        update();
    }

    void remove(ControllerSource source) {
        OrderActions part = parts.remove(source);
        if (part != null) {
            for (Action action : Action.values()) {
                action.applies.apply(part).removeListener(onPart);
            }
            part.refusalProperty().removeListener(onPart);
            selectedCount.remove(source);
            lastActed.remove(source);
            update();
        }
    }

    /** The selected rows, each with its Controller. */
    void select(Map<ControllerSource, List<OrderRow>> rows) {
        selectedCount.clear();
        parts.forEach((source, part) -> {
            List<OrderRow> mine = rows.getOrDefault(source, List.of());
            if (!mine.isEmpty()) {
                selectedCount.put(source, mine.size());
            }
            part.select(mine.stream().map(OrderRow::orderId).toList());
        });
        update();
    }

    @Override
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canCancelProperty() {
        return applies.get(Action.CANCEL).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canSuspendProperty() {
        return applies.get(Action.SUSPEND).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canResumeProperty() {
        return applies.get(Action.RESUME).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canAnswerProperty() {
        return applies.get(Action.ANSWER).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canDeleteProperty() {
        return applies.get(Action.DELETE).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canResumeAsSucceededProperty() {
        return applies.get(Action.RESUME_AS_SUCCEEDED).getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty canGoProperty() {
        return applies.get(Action.GO).getReadOnlyProperty();
    }

    @Override
    public String describeCancel(boolean kill) {
        return describe(Action.CANCEL, part -> part.describeCancel(kill));
    }

    @Override
    public String describeSuspend() {
        return describe(Action.SUSPEND, OrderActions::describeSuspend);
    }

    @Override
    public String describeSuspendAndKill() {
        return describe(Action.SUSPEND, OrderActions::describeSuspendAndKill);
    }

    @Override
    public String describeResumeAsSucceeded() {
        return describe(Action.RESUME_AS_SUCCEEDED, OrderActions::describeResumeAsSucceeded);
    }

    @Override
    public String describeGo() {
        return describe(Action.GO, OrderActions::describeGo);
    }

    @Override
    public String describeDelete() {
        return describe(Action.DELETE, OrderActions::describeDelete);
    }

    @Override
    public void cancel(boolean kill) {
        act(Action.CANCEL, part -> part.cancel(kill));
    }

    @Override
    public void suspend() {
        act(Action.SUSPEND, OrderActions::suspend);
    }

    @Override
    public void suspendAndKill() {
        act(Action.SUSPEND, OrderActions::suspendAndKill);
    }

    @Override
    public void resume() {
        act(Action.RESUME, OrderActions::resume);
    }

    @Override
    public void resumeAsSucceeded() {
        act(Action.RESUME_AS_SUCCEEDED, OrderActions::resumeAsSucceeded);
    }

    @Override
    public void go() {
        act(Action.GO, OrderActions::go);
    }

    @Override
    public void answerPrompt() {
        act(Action.ANSWER, OrderActions::answerPrompt);
    }

    @Override
    public void delete() {
        act(Action.DELETE, OrderActions::delete);
    }

    /**
     * Each Controller's question, prefixed by its name when the selection spans several, and the
     * Controllers whose user may not: {@code prod: Cancel 2 orders (a, b)?  test: not changed, needs permission …}.
     */
    private String describe(Action action, Function<OrderActions, String> question) {
        List<String> lines = new ArrayList<>();
        parts.forEach((source, part) -> {
            if (action.applies.apply(part).get()) {
                lines.add(source.name() + ": " + question.apply(part));
            } else if (selectedCount.containsKey(source) && !part.refusalProperty().get().isEmpty()) {
                lines.add(source.name() + ": " + OrderActions.count(selectedCount.get(source)) + " left as they are, "
                        + part.refusalProperty().get());
            }
        });
        return String.join("\n", lines);
    }

    private void act(Action action, Consumer<OrderActions> run) {
        lastActed.clear();
        parts.forEach((source, part) -> {
            if (action.applies.apply(part).get()) {
                lastActed.add(source);
                run.accept(part);
            }
        });
        describeOutcome();
    }

    private void describeOutcome() {
        List<String> outcomes = new ArrayList<>();
        for (ControllerSource source : lastActed) {
            String text = parts.get(source).messageProperty().get();
            if (!text.isEmpty()) {
                outcomes.add(source.name() + ": " + text);
            }
        }
        message.set(String.join("; ", outcomes));
    }

    private void update() {
        for (Action action : Action.values()) {
            applies.get(action).set(parts.values().stream().anyMatch(part -> action.applies.apply(part).get()));
        }
        // disabled with a reason only when no Controller of the selection (or none at all) lets the user act
        List<ControllerSource> concerned = selectedCount.isEmpty() ? List.copyOf(parts.keySet()) : List.copyOf(selectedCount.keySet());
        List<String> refusals = new ArrayList<>();
        for (ControllerSource source : concerned) {
            String reason = parts.get(source).refusalProperty().get();
            if (reason.isEmpty()) {
                refusal.set("");
                return;
            }
            refusals.add(source.name() + ": " + reason);
        }
        refusal.set(String.join("\n", refusals));
    }
}
