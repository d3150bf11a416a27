package io.jobwerk.cockpit.main;

import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the Cockpit, in one place: the views install them from here and the
 * cheat sheet ({@code ?}) lists them from here, so the two never disagree.
 */
public enum KeyBinding {
    SHOW_DASHBOARD("Navigation", "Dashboard", "Shortcut+1"),
    SHOW_WORKFLOWS("Navigation", "Workflows", "Shortcut+2"),
    SHOW_ORDERS("Navigation", "Orders", "Shortcut+3"),
    SHOW_AGENTS("Navigation", "Agents", "Shortcut+4"),
    SHOW_HISTORY("Navigation", "History", "Shortcut+5"),
    SHOW_DAILY_PLAN("Navigation", "Daily plan", "Shortcut+6"),
    SHOW_LOG("Navigation", "Log viewer (the last log opened)", "Shortcut+7"),
    SHOW_ORDER_DETAIL("Navigation", "Order detail (the last order opened)", "Shortcut+8"),
    SHOW_NOTIFICATIONS("Navigation", "Notifications", "Shortcut+9"),
    SHOW_INVENTORY("Navigation", "Inventory (workspace, deploy)", "Shortcut+I"),
    SHOW_BOARDS("Navigation", "Notice boards (post, delete a notice)", "Shortcut+B"),
    QUICK_SEARCH("Navigation", "Find a workflow or an order", "Shortcut+K"),
    CHEAT_SHEET("Navigation", "This list of shortcuts", "Shift+Slash"),
    TOGGLE_THEME("View", "Light / dark theme", "Shortcut+Shift+L"),
    SHOW_CONNECTIONS("Connections", "Connections: add, edit, test, connect, disconnect", "Shortcut+0"),
    NEXT_CONNECTION("Connections", "Next Controller", "Shortcut+Page Down"),
    PREVIOUS_CONNECTION("Connections", "Previous Controller", "Shortcut+Page Up"),
    SHOW_ALL_CONTROLLERS("Connections", "All Controllers: every Controller's orders in one table, counts summed", "Shortcut+Shift+0"),
    FOCUS_FILTER("Orders", "Filter the orders by text / search the log", "Shortcut+F"),
    OPEN_LOG("Orders", "Open the selected order's log", "Shortcut+L"),
    OPEN_ORDER_DETAIL("Orders, History", "Open the selected order's detail (steps on a time axis)", "Shortcut+D"),
    CANCEL_ORDERS("Orders", "Cancel the selected orders", "Delete"),
    CANCEL_AND_KILL("Orders", "Cancel the selected orders and kill their jobs", "Shift+Delete"),
    SUSPEND_ORDERS("Orders", "Suspend the selected orders", "Shortcut+Shift+S"),
    RESUME_ORDERS("Orders", "Resume the selected orders", "Shortcut+Shift+R"),
    ANSWER_PROMPT("Orders", "Answer the selected prompting orders", "Shortcut+Shift+A"),
    RESUME_AS_SUCCEEDED("Orders", "Resume the selected failed orders as succeeded, after the failed step", "Shortcut+Shift+U"),
    GO_ORDERS("Orders", "Let the selected waiting orders go on now (time, cycle, notices)", "Shortcut+Shift+G"),
    LOG_NEXT_MATCH("Log", "Next match of the search", "F3"),
    LOG_PREVIOUS_MATCH("Log", "Previous match of the search", "Shift+F3"),
    LOG_FOLLOW("Log", "Follow the log on / off", "Shortcut+End"),
    LOG_SAVE("Log", "Download the log to a file", "Shortcut+S"),
    REFRESH("History, Daily plan", "Read the page again", "F5");

    private final String group;
    private final String description;
    private final KeyCombination combination;

    KeyBinding(String group, String description, String combination) {
        this.group = group;
        this.description = description;
        this.combination = KeyCombination.valueOf(combination);
    }

    public String group() {
        return group;
    }

    public String description() {
        return description;
    }

    public KeyCombination combination() {
        return combination;
    }

    /** As the operator reads it, e.g. {@code Ctrl+K}, {@code ?}. */
    public String displayText() {
        return this == CHEAT_SHEET ? "?" : combination.getDisplayText();
    }
}
