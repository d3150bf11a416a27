package io.jobwerk.cockpit.main;

/** The Cockpit's screens, in the navigation's order, each with its icon (Ikonli literal) and shortcut. */
public enum Page {
    DASHBOARD("Dashboard", "mdoal-dashboard", KeyBinding.SHOW_DASHBOARD),
    WORKFLOWS("Workflows", "mdoal-account_tree", KeyBinding.SHOW_WORKFLOWS),
    ORDERS("Orders", "mdoal-list_alt", KeyBinding.SHOW_ORDERS),
    AGENTS("Agents", "mdoal-dns", KeyBinding.SHOW_AGENTS),
    HISTORY("History", "mdoal-history", KeyBinding.SHOW_HISTORY),
    DAILY_PLAN("Daily plan", "mdoal-calendar_today", KeyBinding.SHOW_DAILY_PLAN),
    BOARDS("Notice boards", "mdoal-announcement", KeyBinding.SHOW_BOARDS),
    LOG("Log", "mdoal-description", KeyBinding.SHOW_LOG),
    ORDER_DETAIL("Order detail", "mdoal-assignment", KeyBinding.SHOW_ORDER_DETAIL),
    NOTIFICATIONS("Notifications", "mdomz-notifications", KeyBinding.SHOW_NOTIFICATIONS),
    INVENTORY("Inventory", "mdoal-folder_special", KeyBinding.SHOW_INVENTORY);

    private final String title;
    private final String icon;
    private final KeyBinding key;

    Page(String title, String icon, KeyBinding key) {
        this.title = title;
        this.icon = icon;
        this.key = key;
    }

    public String title() {
        return title;
    }

    public String icon() {
        return icon;
    }

    public KeyBinding key() {
        return key;
    }
}
