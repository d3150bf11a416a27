package io.jobwerk.cockpit.inventory;

import io.jobwerk.cockpit.designer.WorkflowEditor;
import io.jobwerk.cockpit.ui.Icons;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Inventory screen: the workspace's tree on the left (search, trash below), the selected item on
 * the right (its state, its JSON in an editor validated on every keystroke with the problems under it,
 * a workflow in the designer, its tags), and the deploy dialog over it.
 */
public final class InventoryView extends StackPane {

    private final InventoryViewModel viewModel;
    private final BiFunction<String, String, Optional<String>> ask;
    private final Predicate<String> confirm;
    private final InventoryTree tree;
    /** The designer on the selected workflow, made when the first workflow is selected. */
    private final javafx.scene.layout.StackPane designerPane = new javafx.scene.layout.StackPane(new Label("Select a workflow to design it"));
    private Optional<WorkflowEditor> designer = Optional.empty();
    private String designedFile = "";
    private boolean designerSaving;

    /**
     * @param ask asks the operator for a text ({@code question}, {@code initial} value); empty when cancelled
     * @param confirm asks before a destructive action, naming what it affects
     */
    public InventoryView(InventoryViewModel viewModel, DeployViewModel deploy, java.time.ZoneId zone,
                         BiFunction<String, String, Optional<String>> ask, Predicate<String> confirm) {
        this.viewModel = viewModel;
        this.ask = ask;
        this.confirm = confirm;
        tree = new InventoryTree(node -> {
            if (node != null && node.entry().isPresent() && !node.path().equals(viewModel.selectedFileProperty().get())) {
                if (!viewModel.dirtyProperty().get() || confirm.test("Drop the unsaved changes of " + viewModel.selectedFileProperty().get() + "?")) {
                    viewModel.select(node.path());
                }
            }
        });

        tree.setOnMove(viewModel::move);

        VBox page = new VBox(header(deploy), body(), messageLine());
        page.getStyleClass().add("page");
        DeployView deployView = new DeployView(deploy, zone);
        deployView.visibleProperty().bind(deploy.openProperty());
        getChildren().addAll(page, deployView);

        Runnable rebuild = () -> tree.rebuild(viewModel.folders(), viewModel.entries(), !viewModel.searchProperty().get().isBlank(),
                viewModel.selectedFileProperty().get());
        viewModel.entries().addListener((javafx.collections.ListChangeListener<InventoryEntry>) c -> rebuild.run());
        viewModel.folders().addListener((javafx.collections.ListChangeListener<String>) c -> rebuild.run());
        viewModel.selectedWorkflowProperty().addListener((o, a, w) -> w.ifPresent(this::design));
        rebuild.run();
        viewModel.selectedWorkflowProperty().get().ifPresent(this::design); // the page is built when first shown
    }

    /**
     * Shows the workflow in the designer: a workflow of another file, or the same file's after its JSON
     * was edited, is opened afresh (the designer's undo history is per opening); the designer's own save
     * comes back through {@link InventoryViewModel#editWorkflow} and is written as the JSON editor's save is.
     */
    private void design(io.jobwerk.engine.workflow.Workflow workflow) {
        if (designerSaving) {
            return;
        }
        String file = viewModel.selectedFileProperty().get();
        WorkflowEditor editor = designer.orElseGet(() -> {
            WorkflowEditor created = new WorkflowEditor(workflow);
            created.setOnSave((path, edited) -> {
                designerSaving = true;
                try {
                    viewModel.editWorkflow(edited).toOptional().ifPresent(f -> viewModel.save());
                } finally {
                    designerSaving = false;
                }
            });
            designerPane.getChildren().setAll(created.node());
            designer = Optional.of(created);
            return created;
        });
        if (!file.equals(designedFile) || !workflow.equals(editor.workflow())) {
            editor.open(java.nio.file.Path.of(file), workflow);
            designedFile = file;
        }
    }

    private HBox header(DeployViewModel deploy) {
        Label title = new Label("Inventory");
        title.getStyleClass().add("page-title");
        Label root = new Label();
        root.setId("workspaceRoot");
        root.getStyleClass().add("muted");
        root.textProperty().bind(Bindings.createStringBinding(() -> viewModel.workspaceProperty().get()
                .map(w -> w.root() + (viewModel.gitRepositoryProperty().get() ? "  (git)" : "")).orElse("no workspace open"),
                viewModel.workspaceProperty(), viewModel.gitRepositoryProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button open = button("openWorkspace", "Open folder …", "mdoal-folder_open", "Open a folder as the workspace (created if missing)");
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Workspace folder");
            var dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                viewModel.open(dir.toPath());
            }
        });
        Button deployButton = button("openDeploy", "Deploy …", "mdoal-cloud_upload", "Deploy or revoke items on Controllers");
        deployButton.getStyleClass().add("accent");
        deployButton.setOnAction(e -> {
            String selected = viewModel.selectedFileProperty().get();
            deploy.open(selected.isEmpty() ? List.of() : List.of(selected));
        });
        HBox header = new HBox(12, title, root, spacer, open, deployButton);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return header;
    }

    private SplitPane body() {
        SplitPane split = new SplitPane(left(), right());
        split.setDividerPositions(0.34);
        VBox.setVgrow(split, Priority.ALWAYS);
        return split;
    }

    private VBox left() {
        TextField search = new TextField();
        search.setId("inventorySearch");
        search.setPromptText("Search names, folders, tags, contents …");
        search.textProperty().bindBidirectional(viewModel.searchProperty());

        MenuButton create = new MenuButton("New", Icons.icon("mdoal-add"));
        create.setId("newItem");
        for (String type : ItemTemplates.TYPES) {
            MenuItem item = new MenuItem(ItemTemplates.label(type), Icons.icon(InventoryTree.typeIcon(type)));
            item.setId("new-" + type);
            item.setOnAction(e -> ask.apply("Name of the new " + ItemTemplates.label(type).toLowerCase(java.util.Locale.ROOT) + " (in " + folderLabel() + ")", "")
                    .ifPresent(name -> viewModel.create(currentFolder(), type, name.strip())));
            create.getItems().add(item);
        }
        MenuItem folder = new MenuItem("Folder", Icons.icon("mdoal-create_new_folder"));
        folder.setId("new-folder");
        folder.setOnAction(e -> ask.apply("Name of the new folder (in " + folderLabel() + ")", "")
                .ifPresent(name -> viewModel.createFolder(join(currentFolder(), name.strip()))));
        create.getItems().add(folder);

        Button rename = iconButton("renameItem", "mdoal-edit", "Rename");
        rename.setOnAction(e -> selectedPath().ifPresent(p -> ask.apply("New name of " + p, nameOf(p))
                .ifPresent(n -> viewModel.rename(p, n.strip()))));
        Button copy = iconButton("copyItem", "mdoal-content_copy", "Copy");
        copy.setOnAction(e -> selectedPath().ifPresent(p -> ask.apply("Name of the copy of " + p, nameOf(p) + "-copy")
                .ifPresent(n -> viewModel.copy(p, n.strip()))));
        Button move = iconButton("moveItem", "mdmz-move_to_inbox", "Move to folder");
        move.setOnAction(e -> selectedPath().ifPresent(p -> ask.apply("Move " + p + " to folder (empty: the top)", Workspace.parent(p))
                .ifPresent(f -> viewModel.move(p, f.strip()))));
        Button delete = iconButton("deleteItem", "mdoal-delete", "Delete (to the trash)");
        delete.setOnAction(e -> selectedPath().ifPresent(p -> {
            if (confirm.test("Move " + p + " to the trash? It can be restored from there.")) {
                viewModel.delete(p);
            }
        }));
        Button importZip = iconButton("importZip", "mdoal-archive", "Import a zip or tar.gz (ours or a JOC Cockpit export)");
        importZip.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip or tar.gz", "*.zip", "*.tar.gz", "*.tgz"));
            var file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                viewModel.importZip(file.toPath(), currentFolder()).ifPresent(r -> ask.apply("Import report", r.text()));
            }
        });
        Button exportZip = iconButton("exportZip", "mdoal-get_app", "Export the workspace as a zip or tar.gz");
        exportZip.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            FileChooser.ExtensionFilter tarGz = new FileChooser.ExtensionFilter("tar.gz", "*.tar.gz", "*.tgz");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Zip", "*.zip"), tarGz);
            chooser.setInitialFileName("workspace.zip");
            var file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                java.nio.file.Path path = file.toPath();
                if (chooser.getSelectedExtensionFilter() == tarGz && !WorkspaceZip.isTarGzName(path)) {
                    path = path.resolveSibling(path.getFileName().toString().replaceFirst("\\.zip$", "") + ".tar.gz");
                }
                viewModel.exportZip(List.of(), path);
            }
        });
        ToolBar tools = new ToolBar(create, rename, copy, move, delete, new javafx.scene.control.Separator(Orientation.VERTICAL), importZip, exportZip);

        ListView<Trash.Entry> trashList = new ListView<>(viewModel.trash());
        trashList.setId("trash");
        trashList.setPrefHeight(110);
        trashList.setPlaceholder(new Label("The trash is empty"));
        trashList.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Trash.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        Button restore = new Button("Restore", Icons.icon("mdmz-restore_from_trash"));
        restore.setId("restoreItem");
        restore.disableProperty().bind(trashList.getSelectionModel().selectedItemProperty().isNull());
        restore.setOnAction(e -> viewModel.restore(trashList.getSelectionModel().getSelectedItem()));
        TitledPane trash = new TitledPane();
        trash.textProperty().bind(Bindings.size(viewModel.trash()).asString("Trash (%d)"));
        trash.setContent(new VBox(6, trashList, restore));
        trash.setExpanded(false);

        VBox.setVgrow(tree, Priority.ALWAYS);
        return new VBox(6, search, tools, tree, trash);
    }

    private VBox right() {
        Label state = new Label();
        state.setId("selectedState");
        state.getStyleClass().add("muted");
        state.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedFileProperty().get().isEmpty()
                ? "Choose an item in the tree, or create one with New."
                : viewModel.selectedFileProperty().get() + "   " + viewModel.selectedStateProperty().get(),
                viewModel.selectedFileProperty(), viewModel.selectedStateProperty()));
        state.setWrapText(true);

        TextArea editor = new TextArea();
        editor.setId("jsonEditor");
        editor.getStyleClass().add("code");
        editor.textProperty().bindBidirectional(viewModel.editorTextProperty());
        editor.editableProperty().bind(viewModel.selectedFileProperty().isNotEmpty());

        ListView<String> problems = new ListView<>(viewModel.selectedProblems());
        problems.setId("problems");
        problems.setPrefHeight(90);
        problems.setPlaceholder(new Label("Valid: the engine accepts it"));
        problems.getStyleClass().add("problems");

        TabPane tabs = new TabPane(new Tab("JSON", editor), new Tab("Designer", designerPane));
        tabs.setId("itemTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(1).disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.selectedWorkflowProperty().get().isEmpty(), viewModel.selectedWorkflowProperty()));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        TextField tags = new TextField();
        tags.setId("tags");
        tags.setPromptText("tags, comma-separated (Enter saves)");
        java.util.function.Consumer<String> showTags = f -> tags.setText(viewModel.entry(f).map(e -> String.join(", ", e.tags())).orElse(""));
        viewModel.selectedFileProperty().addListener((o, a, f) -> showTags.accept(f));
        showTags.accept(viewModel.selectedFileProperty().get());
        tags.setOnAction(e -> viewModel.setTags(viewModel.selectedFileProperty().get(), tags.getText()));
        tags.disableProperty().bind(viewModel.selectedFileProperty().isEmpty());
        HBox.setHgrow(tags, Priority.ALWAYS);
        Button save = new Button("Save", Icons.icon("mdmz-save"));
        save.setId("saveItem");
        save.disableProperty().bind(viewModel.dirtyProperty().not());
        save.setOnAction(e -> viewModel.save());
        Button revert = new Button("Revert");
        revert.setId("revertItem");
        revert.disableProperty().bind(viewModel.dirtyProperty().not());
        revert.setOnAction(e -> viewModel.revert());
        HBox actions = new HBox(8, tags, revert, save);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.S && viewModel.dirtyProperty().get()) {
                viewModel.save();
                e.consume();
            }
        });
        VBox right = new VBox(8, state, tabs, new Label("Problems"), problems, actions);
        right.setPadding(new javafx.geometry.Insets(0, 0, 0, 8));
        return right;
    }

    private Label messageLine() {
        Label message = new Label();
        message.setId("inventoryMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            String general = String.join("; ", viewModel.generalProblems());
            return viewModel.messageProperty().get() + (general.isEmpty() ? "" : "   Workspace: " + general);
        }, viewModel.messageProperty(), viewModel.generalProblems()));
        return message;
    }

    private Optional<String> selectedPath() {
        var item = tree.getSelectionModel().getSelectedItem();
        return item == null ? Optional.empty() : Optional.of(item.getValue().path());
    }

    /** The selected folder, or the selected file's folder; "" for the top. */
    private String currentFolder() {
        var item = tree.getSelectionModel().getSelectedItem();
        if (item == null) {
            return "";
        }
        InventoryTree.Node node = item.getValue();
        return node.entry().isPresent() ? Workspace.parent(node.path()) : node.path();
    }

    private String folderLabel() {
        String f = currentFolder();
        return f.isEmpty() ? "the top folder" : f;
    }

    private static String nameOf(String path) {
        return io.jobwerk.engine.json.ItemFileJson.baseName(Path.of(path).getFileName().toString());
    }

    private static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    private static Button button(String id, String text, String icon, String tip) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static Button iconButton(String id, String icon, String tip) {
        Button b = new Button(null, Icons.icon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
