package io.jobwerk.cockpit.inventory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One item file of the workspace as the tree shows it: where it is, what it is, whether it is valid
 * (its problems), its state on the connected Controller (empty while not connected), its git status
 * and its tags.
 */
public record InventoryEntry(String file, String type, String name, List<String> problems, Optional<DeployedState> deployed,
                             GitStatus.FileStatus git, Set<String> tags) {

    public boolean valid() {
        return problems.isEmpty();
    }

    public String folder() {
        return Workspace.parent(file);
    }

    /** What the tree and the search show, e.g. {@code nightly-etl}. */
    public String label() {
        return name;
    }

    /** Whether the search text (lower case) finds this entry: its name, path, type, tags or its text. */
    boolean matches(String query, String text) {
        return query.isEmpty() || name.toLowerCase(java.util.Locale.ROOT).contains(query) || file.toLowerCase(java.util.Locale.ROOT).contains(query)
                || ItemTemplates.label(type).toLowerCase(java.util.Locale.ROOT).contains(query)
                || tags.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains(query))
                || text != null && text.toLowerCase(java.util.Locale.ROOT).contains(query);
    }
}
