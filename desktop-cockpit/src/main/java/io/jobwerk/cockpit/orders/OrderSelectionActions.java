package io.jobwerk.cockpit.orders;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the Orders view offers for the selected orders: whether each action applies, the question
 * that names what it affects, and doing it. One Controller's {@link OrderActions}, or the actions
 * over several Controllers' orders, each sent to the order's own Controller.
 */
public interface OrderSelectionActions {

    /** Why the user may not change these orders (the actions are disabled while it is not empty). */
    ReadOnlyStringProperty refusalProperty();

    /** What the last action did, or its problem. */
    ReadOnlyStringProperty messageProperty();

    ReadOnlyBooleanProperty canCancelProperty();

    ReadOnlyBooleanProperty canSuspendProperty();

    ReadOnlyBooleanProperty canResumeProperty();

    ReadOnlyBooleanProperty canAnswerProperty();

    ReadOnlyBooleanProperty canDeleteProperty();

    ReadOnlyBooleanProperty canResumeAsSucceededProperty();

    ReadOnlyBooleanProperty canGoProperty();

    String describeCancel(boolean kill);

    String describeSuspend();

    String describeSuspendAndKill();

    String describeResumeAsSucceeded();

    String describeGo();

    String describeDelete();

    void cancel(boolean kill);

    void suspend();

    void suspendAndKill();

    void resume();

    void resumeAsSucceeded();

    void go();

    void answerPrompt();

    void delete();
}
