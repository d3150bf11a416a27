package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.live.StateGroup;

/** Opens the view behind a number or a name: every count and id on a screen leads somewhere. */
public interface Navigator {

    void show(Page page);

    /** The Orders view, filtered by state group (null: all) and workflow path (empty: all). */
    void showOrders(StateGroup group, String workflowPath);

    void showOrder(String orderId);

    void showWorkflow(String workflowPath);
}
