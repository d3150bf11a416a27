package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.live.StateGroup;

/** Opens the view behind a number or a name: every count and id on a screen leads somewhere. */
public interface Navigator {

    void show(Page page);

    /** The Orders view, filtered by state group (null: all) and workflow path (empty: all). */
    void showOrders(StateGroup group, String workflowPath);

    void showOrder(String orderId);

    void showWorkflow(String workflowPath);

    /** The log viewer on an order's log (with its fork children's steps). */
    void showLog(String orderId);

    /** The log viewer on a task: its order's log at the step that ran at {@code position} of {@code taskOrderId}. */
    void showTaskLog(String mainOrderId, String taskOrderId, String position);

    /** The History view on the orders in {@code state} (e.g. {@code OrderFailed}; empty: all) within {@code range}. */
    void showHistory(String state, io.jobwerk.cockpit.history.TimeRange range);

    /** The order's detail: steps on a time axis, variables, events, actions (also for an order only the history holds). */
    void showOrderDetail(String orderId);
}
