package io.jobwerk.cockpit.inventory;

import io.jobwerk.cockpit.ui.Icons;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The workspace as a tree: folders, then their item files, each with its type's icon, a red mark when
 * invalid (the problems in its tooltip), its state on the Controller, its git status letter and tags.
 * Rebuilt from the ViewModel's entries and folders, keeping which folders are expanded and the selection.
 */
public final class InventoryTree extends TreeView<InventoryTree.Node> {

    /** A folder ({@code entry} empty) or an item file. */
    record Node(String path, Optional<InventoryEntry> entry) {
        String name() {
            return entry.map(InventoryEntry::label).orElse(path.isEmpty() ? "workspace" : path.substring(path.lastIndexOf('/') + 1));
        }
    }

    private final Set<String> collapsed = new HashSet<>();
    private BiConsumer<String, String> onMove = (path, folder) -> { };
    private Optional<String> dragging = Optional.empty();
    private List<Object> shown = List.of();

    InventoryTree(Consumer<Node> onSelect) {
        setId("inventoryTree");
        setShowRoot(false);
        setCellFactory(t -> new Cell(this));
        // a drag that ends anywhere but on a cell moves nothing
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> dragging = Optional.empty());
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> onSelect.accept(b == null ? null : b.getValue()));
    }

    /**
     * What a drag of a file or folder onto another node does: {@code (path, folder)}, the folder being
     * the node's own (a folder) or the one it is in (a file). Dragging is a press-drag-release gesture
     * inside the tree (no system drag and drop), as in the designer.
     */
    void setOnMove(BiConsumer<String, String> onMove) {
        this.onMove = onMove;
    }

    void rebuild(List<String> folders, List<InventoryEntry> entries, boolean searching, String selected) {
        // Unchanged content keeps its cells: a click that selects a file (and revalidates the same
        // entries) must not replace the node under the mouse, or a drag starting there is lost.
        List<Object> content = List.of(List.copyOf(folders), List.copyOf(entries), searching);
        if (content.equals(shown) && getRoot() != null) {
            TreeItem<Node> current = getSelectionModel().getSelectedItem();
            if (!selected.isEmpty() && (current == null || !current.getValue().path().equals(selected))) {
                find(getRoot(), selected).ifPresent(getSelectionModel()::select);
            }
            return;
        }
        shown = content;
        TreeItem<Node> root = new TreeItem<>(new Node("", Optional.empty()));
        Map<String, TreeItem<Node>> byFolder = new HashMap<>();
        byFolder.put("", root);
        for (String folder : folders) {
            if (!searching || entries.stream().anyMatch(e -> e.file().startsWith(folder + "/"))) {
                folderItem(folder, byFolder);
            }
        }
        TreeItem<Node> selectedItem = null;
        for (InventoryEntry e : entries) {
            TreeItem<Node> item = new TreeItem<>(new Node(e.file(), Optional.of(e)));
            folderItem(e.folder(), byFolder).getChildren().add(item);
            if (e.file().equals(selected)) {
                selectedItem = item;
            }
        }
        byFolder.forEach((path, item) -> {
            item.setExpanded(searching || !collapsed.contains(path));
            item.expandedProperty().addListener((o, a, expanded) -> {
                if (expanded) {
                    collapsed.remove(path);
                } else {
                    collapsed.add(path);
                }
            });
        });
        setRoot(root);
        if (selectedItem != null) {
            getSelectionModel().select(selectedItem);
        }
    }

    private static Optional<TreeItem<Node>> find(TreeItem<Node> item, String path) {
        if (item.getValue().path().equals(path) && item.getValue().entry().isPresent()) {
            return Optional.of(item);
        }
        for (TreeItem<Node> child : item.getChildren()) {
            Optional<TreeItem<Node>> found = find(child, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static TreeItem<Node> folderItem(String folder, Map<String, TreeItem<Node>> byFolder) {
        TreeItem<Node> existing = byFolder.get(folder);
        if (existing != null) {
            return existing;
        }
        TreeItem<Node> parent = folderItem(Workspace.parent(folder), byFolder);
        TreeItem<Node> item = new TreeItem<>(new Node(folder, Optional.empty()));
        // folders before files, in name order
        int at = 0;
        while (at < parent.getChildren().size() && parent.getChildren().get(at).getValue().entry().isEmpty()
                && parent.getChildren().get(at).getValue().path().compareTo(folder) < 0) {
            at++;
        }
        parent.getChildren().add(at, item);
        byFolder.put(folder, item);
        return item;
    }

    /** The tree cell's node id of an item file: {@code entry-} and the path with every other character than letters, digits, - as _. */
    public static String nodeId(String file) {
        return "entry-" + file.replaceAll("[^A-Za-z0-9-]", "_");
    }

    static String typeIcon(String type) {
        return switch (type) {
            case "Workflow" -> "mdoal-account_tree";
            case "JobResource" -> "mdoal-library_books";
            case "Lock" -> "mdoal-lock";
            case "GlobalBoard" -> "mdoal-dashboard";
            case "FileWatch" -> "mdoal-folder_open";
            case "Calendar", "WorkingDaysCalendar", "NonWorkingDaysCalendar" -> "mdoal-calendar_today";
            case "Schedule" -> "mdoal-access_time";
            default -> "mdoal-description";
        };
    }

    static String stateClass(DeployedState s) {
        return switch (s) {
            case DEPLOYED -> "state-finished";
            case CHANGED -> "state-waiting";
            case NOT_DEPLOYED -> "state-scheduled";
        };
    }

    private static final class Cell extends TreeCell<Node> {
        private static final javafx.css.PseudoClass DROP_HOVER = javafx.css.PseudoClass.getPseudoClass("drop-hover");

        Cell(InventoryTree tree) {
            setOnDragDetected(e -> {
                if (getItem() != null && !getItem().path().isEmpty()) {
                    tree.dragging = Optional.of(getItem().path());
                    startFullDrag();
                }
            });
            setOnMouseDragEntered(e -> pseudoClassStateChanged(DROP_HOVER, target(tree).isPresent()));
            setOnMouseDragExited(e -> pseudoClassStateChanged(DROP_HOVER, false));
            setOnMouseDragReleased(e -> {
                pseudoClassStateChanged(DROP_HOVER, false);
                Optional<String> dragged = tree.dragging;
                tree.dragging = Optional.empty();
                if (dragged.isPresent() && getItem() != null && !dragged.get().equals(getItem().path())) {
                    // into itself or below is refused by the move, which says why
                    String folder = getItem().entry().isPresent() ? Workspace.parent(getItem().path()) : getItem().path();
                    if (!folder.equals(Workspace.parent(dragged.get()))) {
                        tree.onMove.accept(dragged.get(), folder);
                    }
                }
            });
        }

        private Optional<String> target(InventoryTree tree) {
            return getItem() == null ? Optional.empty() : tree.dragging.flatMap(d -> TreeDrop.folder(d, getItem().path(), getItem().entry().isPresent()));
        }

        @Override
        protected void updateItem(Node node, boolean empty) {
            super.updateItem(node, empty);
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            if (node.entry().isEmpty()) {
                Label folder = new Label(node.name(), Icons.icon("mdoal-folder", "muted"));
                folder.setId("folder-" + node.path().replace('/', '_'));
                setText(null);
                setGraphic(folder);
                setTooltip(null);
                return;
            }
            InventoryEntry e = node.entry().get();
            Label name = new Label(e.label(), Icons.icon(typeIcon(e.type()), "muted"));
            HBox box = new HBox(6, name);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setId(nodeId(e.file()));
            if (!e.valid()) {
                Label invalid = new Label("invalid", Icons.icon("mdoal-error", "state-failed"));
                invalid.getStyleClass().addAll("chip", "state-failed");
                box.getChildren().add(invalid);
            }
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box.getChildren().add(spacer);
            e.tags().forEach(t -> {
                Label tag = new Label(t);
                tag.getStyleClass().addAll("chip", "tag");
                box.getChildren().add(tag);
            });
            e.deployed().ifPresent(d -> {
                Label state = new Label(d.label());
                state.getStyleClass().addAll("chip", stateClass(d));
                box.getChildren().add(state);
            });
            if (e.git() != GitStatus.FileStatus.CLEAN) {
                Label git = new Label(e.git().letter());
                git.getStyleClass().addAll("git-status", "git-" + e.git().name().toLowerCase(java.util.Locale.ROOT));
                git.setTooltip(new Tooltip("git: " + e.git().name().toLowerCase(java.util.Locale.ROOT)));
                box.getChildren().add(git);
            }
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(e.file() + (e.valid() ? "" : "\n" + String.join("\n", e.problems()))));
        }
    }
}
