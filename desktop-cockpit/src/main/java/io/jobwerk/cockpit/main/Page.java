package io.jobwerk.cockpit.main;

/** The Cockpit's screens, in the navigation's order, each with its icon (Ikonli literal). */
public enum Page {
    DASHBOARD("Dashboard", "mdoal-dashboard"),
    WORKFLOWS("Workflows", "mdoal-account_tree"),
    ORDERS("Orders", "mdoal-list_alt"),
    AGENTS("Agents", "mdoal-dns");

    private final String title;
    private final String icon;

    Page(String title, String icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public String icon() {
        return icon;
    }
}
