package io.jobwerk.cockpit.inventory;

import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inventory: a {@link Workspace} as a tree of folders and item files, each with its validity, its
 * state on the connected Controller, its git status and tags; the selected file's text, edited and
 * validated on every change (by {@link WorkspaceCheck}, with the edit in place of the file), saved on
 * request; create, rename, move, copy, delete to the {@link Trash} and restore; search; zip export and
 * import. Disk and git are read on the background executor; results reach the UI through {@link UiThread}.
 */
public final class InventoryViewModel {

    private final ObservableValue<EngineState> controller;
    private final UiThread ui;
    private final Executor background;
    private final Clock clock;

    private final ReadOnlyObjectWrapper<Optional<Workspace>> workspace = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ObservableList<InventoryEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final ObservableList<Trash.Entry> trash = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper selectedFile = new ReadOnlyStringWrapper("");
    private final StringProperty editorText = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> selectedProblems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<Workflow>> selectedWorkflow = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper selectedState = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper gitRepository = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> generalProblems = FXCollections.observableArrayList();

    private Map<String, String> texts = Map.of();
    private GitStatus.Snapshot git = GitStatus.Snapshot.NONE;
    private WorkspaceCheck.Result check = new WorkspaceCheck.Result(Map.of(), List.of());
    private Tags tags;
    private boolean loadingEditor;

    /** @param controller the connected Controller's state, null while not connected (then references are not checked) */
    public InventoryViewModel(ObservableValue<EngineState> controller, UiThread ui, Executor background, Clock clock) {
        this.controller = controller;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        editorText.addListener((o, a, b) -> {
            if (!loadingEditor) {
                dirty.set(!b.equals(texts.getOrDefault(selectedFile.get(), "")));
                recheck();
            }
        });
        search.addListener((o, a, b) -> rebuildEntries());
        controller.addListener((o, a, b) -> {
            if (a == null || b == null || a.items() != b.items() || a.currentVersions() != b.currentVersions()) {
                recheck();
            }
        });
    }

    // --- properties --------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Optional<Workspace>> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    /** The entries the search finds, sorted by path. */
    public ObservableList<InventoryEntry> entries() {
        return entries;
    }

    /** Every folder of the workspace (also empty ones), sorted. */
    public ObservableList<String> folders() {
        return folders;
    }

    public ObservableList<Trash.Entry> trash() {
        return trash;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty selectedFileProperty() {
        return selectedFile.getReadOnlyProperty();
    }

    /** The selected file's text as edited (bound both ways to the editor). */
    public StringProperty editorTextProperty() {
        return editorText;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The selected file's problems as edited; empty: valid. */
    public ObservableList<String> selectedProblems() {
        return selectedProblems;
    }

    /** The selected file's workflow as edited, when it is a valid one (for its graph). */
    public ReadOnlyObjectProperty<Optional<Workflow>> selectedWorkflowProperty() {
        return selectedWorkflow.getReadOnlyProperty();
    }

    /** e.g. {@code Workflow · changed: draft differs from the Controller's · git M · tags nightly}. */
    public ReadOnlyStringProperty selectedStateProperty() {
        return selectedState.getReadOnlyProperty();
    }

    /** The outcome of the last action, a problem in words or what was done. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty gitRepositoryProperty() {
        return gitRepository.getReadOnlyProperty();
    }

    /** Problems the check could not lay on one file (e.g. an item of the Controller the workspace breaks). */
    public ObservableList<String> generalProblems() {
        return generalProblems;
    }

    public Optional<InventoryEntry> entry(String file) {
        return allEntries().stream().filter(e -> e.file().equals(file)).findFirst();
    }

    /** The valid item of each file given, as decoded from what is on disk (saved). */
    public Checked<List<ItemFileJson.Decoded>> validItems(List<String> files) {
        List<ItemFileJson.Decoded> items = new ArrayList<>();
        for (String f : files) {
            WorkspaceCheck.FileCheck c = check.of(f);
            if (c == null || !c.valid()) {
                return Checked.fail(io.jobwerk.engine.base.Problem.of("InvalidItem", f + " is not valid and cannot be deployed"
                        + (c == null ? "" : ": " + String.join("; ", c.problems()))));
            }
            if (f.equals(selectedFile.get()) && dirty.get()) {
                return Checked.fail(io.jobwerk.engine.base.Problem.of("UnsavedItem", f + " has unsaved changes: save it first"));
            }
            items.add(c.decoded().orElseThrow());
        }
        return Checked.ok(items);
    }

    /** Every entry, whatever the search. */
    public List<InventoryEntry> allEntries() {
        return entriesOf(check);
    }

    public Optional<String> text(String file) {
        return Optional.ofNullable(texts.get(file));
    }

    // --- actions -----------------------------------------------------------------------------------

    /** Opens (creating if needed) the workspace in {@code root} and reads it. */
    public void open(Path root) {
        Checked<Workspace> opened = Workspace.open(root);
        if (opened.isFail()) {
            message.set(opened.problemOption().orElseThrow().message());
            return;
        }
        workspace.set(Optional.of(opened.orThrow()));
        tags = new Tags(opened.orThrow());
        selectedFile.set("");
        refresh();
    }

    /** Reads the workspace's files, folders, trash and git status again (off the UI thread). */
    public void refresh() {
        Optional<Workspace> ws = workspace.get();
        if (ws.isEmpty()) {
            return;
        }
        Workspace w = ws.get();
        background.execute(() -> {
            Map<String, String> read = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            for (String f : w.files()) {
                Checked<String> text = w.read(f);
                if (text.isOk()) {
                    read.put(f, text.orThrow());
                } else {
                    problems.add(text.problemOption().orElseThrow().message());
                }
            }
            List<String> folderList = w.folders();
            List<Trash.Entry> trashList = new Trash(w).entries();
            GitStatus.Snapshot gitStatus = GitStatus.read(w.root());
            ui.execute(() -> {
                texts = Map.copyOf(read);
                git = gitStatus;
                gitRepository.set(gitStatus.repository());
                folders.setAll(folderList);
                trash.setAll(trashList);
                if (!problems.isEmpty()) {
                    message.set(String.join("; ", problems));
                }
                if (!selectedFile.get().isEmpty() && !texts.containsKey(selectedFile.get())) {
                    selectedFile.set("");
                }
                if (!dirty.get()) {
                    loadEditor();
                }
                recheck();
            });
        });
    }

    /** Shows the file in the editor; unsaved edits of the file shown before are dropped (the View asks first). */
    public void select(String file) {
        selectedFile.set(file == null ? "" : file);
        loadEditor();
        recheck();
    }

    public void save() {
        String file = selectedFile.get();
        if (file.isEmpty() || workspace.get().isEmpty()) {
            return;
        }
        act(workspace.get().get().write(file, editorText.get()), "Saved " + file);
        Map<String, String> updated = new HashMap<>(texts);
        updated.put(file, editorText.get());
        texts = Map.copyOf(updated);
        dirty.set(false);
        refresh();
    }

    /**
     * The designer's way back: the selected workflow file's text becomes {@code edited} as the engine
     * encodes it (without version id; {@code TYPE} and {@code path} only where the file stated them), then
     * validated like any edit; {@link #save} writes it. Refused when the selected file is not a workflow.
     */
    public Checked<String> editWorkflow(Workflow edited) {
        String file = selectedFile.get();
        if (!file.endsWith(".workflow.json") && selectedWorkflow.get().isEmpty()) {
            return Checked.fail(io.jobwerk.engine.base.Problem.of("NotAWorkflow", (file.isEmpty() ? "No file" : file) + " is not a workflow"));
        }
        var before = io.jobwerk.engine.json.EngineJson.parse(editorText.get()).toOptional()
                .filter(j -> j.isObject()).orElse(io.jobwerk.engine.json.EngineJson.MAPPER.createObjectNode());
        var json = io.jobwerk.engine.json.WorkflowJson.encodeItem(edited);
        json.remove("versionId");
        if (!before.has("TYPE")) {
            json.remove("TYPE");
        }
        if (!before.has("path")) {
            json.remove("path");
        }
        editorText.set(ItemJsonText.pretty(json));
        return Checked.ok(file);
    }

    /** Drops the unsaved edits of the selected file. */
    public void revert() {
        loadEditor();
        recheck();
    }

    public void create(String folder, String type, String name) {
        withWorkspace(w -> w.create(folder, type, name)).ifPresent(f -> {
            message.set("Created " + f);
            dirty.set(false);
            selectedFile.set(f);
            refresh();
        });
    }

    public void createFolder(String folder) {
        withWorkspace(w -> w.createFolder(folder)).ifPresent(f -> {
            message.set("Created folder " + f);
            refresh();
        });
    }

    public void rename(String file, String newName) {
        withWorkspace(w -> w.rename(file, newName)).ifPresent(f -> {
            tags.moved(file, f);
            followSelection(file, f);
            message.set("Renamed " + file + " to " + f);
            refresh();
        });
    }

    public void move(String path, String folder) {
        withWorkspace(w -> w.move(path, folder)).ifPresent(f -> {
            tags.moved(path, f);
            followSelection(path, f);
            message.set("Moved " + path + " to " + (folder.isEmpty() ? "the top folder" : folder));
            refresh();
        });
    }

    public void copy(String file, String newName) {
        withWorkspace(w -> w.copy(file, newName)).ifPresent(f -> {
            message.set("Copied " + file + " to " + f);
            refresh();
        });
    }

    /** Moves the file or folder to the trash. */
    public void delete(String path) {
        withWorkspace(w -> new Trash(w).delete(path, clock.instant())).ifPresent(e -> {
            if (selectedFile.get().equals(path) || selectedFile.get().startsWith(path + "/")) {
                dirty.set(false);
                selectedFile.set("");
            }
            message.set("Moved " + path + " to the trash");
            refresh();
        });
    }

    public void restore(Trash.Entry entry) {
        withWorkspace(w -> new Trash(w).restore(entry)).ifPresent(f -> {
            message.set("Restored " + f);
            refresh();
        });
    }

    /** Sets the file's tags from a comma-separated text. */
    public void setTags(String file, String commaSeparated) {
        if (tags == null) {
            return;
        }
        act(tags.set(file, Arrays.asList(commaSeparated.split(","))), "Tags of " + file + " saved");
        recheck();
    }

    public void exportZip(List<String> files, Path zip) {
        withWorkspace(w -> WorkspaceZip.isTarGzName(zip) ? WorkspaceZip.exportTarGz(w, files.isEmpty() ? w.files() : files, zip)
                : WorkspaceZip.export(w, files.isEmpty() ? w.files() : files, zip))
                .ifPresent(n -> message.set("Exported " + n + " items to " + zip));
    }

    /** Imports a zip or tar.gz (ours or a JOC Cockpit export) into {@code folder}; the report names what was not imported. */
    public Optional<WorkspaceZip.Report> importZip(Path zip, String folder) {
        Optional<WorkspaceZip.Report> report = withWorkspace(w -> WorkspaceZip.importArchive(w, zip, folder));
        report.ifPresent(r -> {
            message.set("Imported " + r.importedCount() + " items from " + zip.getFileName()
                    + (r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " not imported (see the report)"));
            refresh();
        });
        return report;
    }

    // --- internals ---------------------------------------------------------------------------------

    private <T> Optional<T> withWorkspace(java.util.function.Function<Workspace, Checked<T>> action) {
        if (workspace.get().isEmpty()) {
            message.set("Open a workspace first");
            return Optional.empty();
        }
        Checked<T> result = action.apply(workspace.get().get());
        if (result.isFail()) {
            message.set(result.problemOption().orElseThrow().message());
            return Optional.empty();
        }
        return Optional.of(result.orThrow());
    }

    private void act(Checked<?> result, String done) {
        message.set(result.isOk() ? done : result.problemOption().orElseThrow().message());
    }

    private void followSelection(String from, String to) {
        if (selectedFile.get().equals(from)) {
            dirty.set(false);
            selectedFile.set(to);
        }
    }

    private void loadEditor() {
        loadingEditor = true;
        try {
            editorText.set(texts.getOrDefault(selectedFile.get(), ""));
            dirty.set(false);
        } finally {
            loadingEditor = false;
        }
    }

    private void recheck() {
        Map<String, String> current = new TreeMap<>(texts);
        String selected = selectedFile.get();
        if (!selected.isEmpty() && current.containsKey(selected)) {
            current.put(selected, editorText.get());
        }
        check = WorkspaceCheck.check(current, Optional.ofNullable(controller.getValue()));
        generalProblems.setAll(check.general());
        rebuildEntries();
        WorkspaceCheck.FileCheck c = selected.isEmpty() ? null : check.of(selected);
        selectedProblems.setAll(c == null ? List.of() : c.problems());
        selectedWorkflow.set(c == null ? Optional.empty() : c.decoded().map(ItemFileJson.Decoded::deployable)
                .filter(d -> d instanceof ItemOperation.Deployable.UnsignedWorkflow)
                .map(d -> ((ItemOperation.Deployable.UnsignedWorkflow) d).workflow()));
        selectedState.set(c == null ? "" : entry(selected).map(InventoryViewModel::describe).orElse(""));
    }

    private static String describe(InventoryEntry e) {
        return ItemTemplates.label(e.type()) + " " + e.name()
                + e.deployed().map(d -> " · " + d.label() + ": " + d.description()).orElse("")
                + (e.git() == GitStatus.FileStatus.CLEAN ? "" : " · git " + e.git().name().toLowerCase(java.util.Locale.ROOT))
                + (e.tags().isEmpty() ? "" : " · tags " + String.join(", ", e.tags()));
    }

    private void rebuildEntries() {
        String query = search.get().strip().toLowerCase(java.util.Locale.ROOT);
        entries.setAll(entriesOf(check).stream().filter(e -> e.matches(query, texts.get(e.file()))).toList());
    }

    private List<InventoryEntry> entriesOf(WorkspaceCheck.Result result) {
        EngineState state = controller.getValue();
        List<InventoryEntry> list = new ArrayList<>();
        for (WorkspaceCheck.FileCheck c : result.files().values()) {
            String fileName = Path.of(c.file()).getFileName().toString();
            String type = c.decoded().map(ItemFileJson.Decoded::type)
                    .orElse(ItemFileJson.suffix(fileName).map(s -> ItemFileJson.suffixToType().get(s)).orElse("?"));
            String name = c.decoded().map(ItemFileJson.Decoded::name).orElse(ItemFileJson.baseName(fileName));
            Optional<DeployedState> deployed = state == null ? Optional.empty() : c.decoded().map(d -> DeployedState.of(d, state));
            list.add(new InventoryEntry(c.file(), type, name, c.problems(), deployed, git.of(c.file()),
                    tags == null ? java.util.Set.of() : tags.of(c.file())));
        }
        return list;
    }
}
