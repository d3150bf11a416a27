package io.jobwerk.cockpit.inventory;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.signature.DeploymentSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy dialog: the workspace's items to choose from (each with its validity and its state on
 * every target), the target Controllers to choose, the difference of the selected item to what the
 * first chosen target holds, deploy (signed when a PKCS#12 key store is given) and revoke, and the
 * {@link DeploymentHistory}. An invalid item or one with unsaved edits is refused before anything is
 * sent. Controllers are read and written on the background executor.
 */
public final class DeployViewModel {

    /** A Controller to deploy to, and whether it is chosen. */
    public record Target(ConnectionConf conf, BooleanProperty chosen) {
        public String name() {
            return conf.name();
        }
    }

    /** An item to choose, with its state per target ({@code new}, {@code deployed}, {@code changed}, or a problem). */
    public record Row(InventoryEntry entry, BooleanProperty chosen, Map<String, String> stateByTarget) {
        /** The state on each target; with one target just the state ({@code changed}). */
        public String states() {
            if (stateByTarget.size() == 1) {
                return stateByTarget.values().iterator().next();
            }
            return String.join(", ", stateByTarget.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        }
    }

    private final InventoryViewModel inventory;
    private final UiThread ui;
    private final Executor background;
    private final Clock clock;
    private final ObservableList<Target> targets = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<JsonDiff.Line> diff = FXCollections.observableArrayList();
    private final ObservableList<DeploymentHistory.Record> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final StringProperty keyStore = new SimpleStringProperty("");
    private final StringProperty keyPassword = new SimpleStringProperty("");
    private final Map<String, Checked<EngineState>> targetStates = new HashMap<>();
    private final Map<String, UserPermissions> permissions = new HashMap<>();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private String diffFile = "";

    public DeployViewModel(InventoryViewModel inventory, UiThread ui, Executor background, Clock clock) {
        this.inventory = inventory;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
    }

    public ObservableList<Target> targets() {
        return targets;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The selected item against the first chosen target: every line, changes marked. */
    public ObservableList<JsonDiff.Line> diff() {
        return diff;
    }

    public ReadOnlyStringProperty diffTitleProperty() {
        return diffTitle.getReadOnlyProperty();
    }

    public ObservableList<DeploymentHistory.Record> history() {
        return history;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** A PKCS#12 key store to sign workflows with; empty: unsigned. */
    public StringProperty keyStoreProperty() {
        return keyStore;
    }

    public StringProperty keyPasswordProperty() {
        return keyPassword;
    }

    /** Adds a Controller to deploy to (the connected one is added by the Cockpit, chosen). */
    public Target addTarget(ConnectionConf conf, boolean chosen) {
        Target t = new Target(conf, new SimpleBooleanProperty(chosen));
        t.chosen().addListener((o, a, b) -> updateRefusal());
        targets.add(t);
        updateRefusal();
        return t;
    }

    /** The user's permissions at a target (the connected Controller's, read on each connect); unknown ones refuse nothing. */
    public void permit(String targetName, UserPermissions granted) {
        permissions.put(targetName, granted);
        updateRefusal();
    }

    /**
     * Why deploying to or revoking from the chosen targets would be refused (the user lacks
     * {@code UpdateItem} at one of them: {@code standalone: needs permission UpdateItem; user viewer
     * has ValidUser}); empty when it would not.
     */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    private void updateRefusal() {
        String first = "";
        for (Target t : targets) {
            String r = t.chosen().get() && permissions.containsKey(t.name()) ? permissions.get(t.name()).refusal(Permission.UpdateItem) : "";
            if (!r.isEmpty()) {
                first = targets.size() == 1 ? r : t.name() + ": " + r;
                break;
            }
        }
        refusal.set(first);
    }

    /** Opens the dialog with the given files chosen (empty: none), reads the targets' items. */
    public void open(List<String> chosenFiles) {
        rows.setAll(inventory.allEntries().stream()
                .map(e -> new Row(e, new SimpleBooleanProperty(chosenFiles.contains(e.file())), Map.of())).toList());
        inventory.workspaceProperty().get().ifPresent(w -> history.setAll(new DeploymentHistory(w).records()));
        diff.clear();
        diffTitle.set("");
        diffFile = chosenFiles.isEmpty() ? "" : chosenFiles.get(0);
        message.set("");
        open.set(true);
        readTargets();
    }

    public void close() {
        open.set(false);
    }

    /** Shows the difference of this file's item to the first chosen target's. */
    public void showDiff(String file) {
        diffFile = file;
        Optional<Target> target = targets.stream().filter(t -> t.chosen().get()).findFirst();
        var item = inventory.validItems(List.of(file));
        if (item.isFail()) {
            diffTitle.set(file + ": " + item.problemOption().orElseThrow().message());
            diff.clear();
            return;
        }
        ItemFileJson.Decoded draft = item.orThrow().get(0);
        if (target.isEmpty()) {
            diffTitle.set("Choose a Controller to compare with");
            diff.setAll(JsonDiff.of(null, DeployedState.draftJson(draft)));
            return;
        }
        Checked<EngineState> state = targetStates.get(target.get().name());
        if (state == null || state.isFail()) {
            diffTitle.set(target.get().name() + ": " + (state == null ? "reading …" : state.problemOption().orElseThrow().message()));
            diff.clear();
            return;
        }
        var deployed = DeployedState.deployedJson(draft, state.orThrow());
        List<JsonDiff.Line> lines = JsonDiff.of(deployed.orElse(null), DeployedState.draftJson(draft));
        diffTitle.set(draft.typedName() + " — " + (deployed.isEmpty() ? "not on " + target.get().name() + " yet: all new"
                : JsonDiff.changed(lines) ? "draft against " + target.get().name() : "the same as on " + target.get().name()));
        diff.setAll(lines);
    }

    /** Deploys the chosen items to each chosen target, one deployment each, and records the outcome. */
    public void deploy() {
        send("deploy");
    }

    /** Removes the chosen items from each chosen target. */
    public void revoke() {
        send("revoke");
    }

    private void send(String action) {
        if (!refusal.get().isEmpty()) {
            message.set("Nothing sent: " + refusal.get());
            return;
        }
        List<String> files = rows.stream().filter(r -> r.chosen().get()).map(r -> r.entry().file()).toList();
        List<Target> chosen = targets.stream().filter(t -> t.chosen().get()).toList();
        if (files.isEmpty() || chosen.isEmpty()) {
            message.set("Choose at least one item and one Controller");
            return;
        }
        Checked<List<ItemFileJson.Decoded>> items = inventory.validItems(files);
        if (items.isFail()) {
            message.set("Nothing sent: " + items.problemOption().orElseThrow().message());
            return;
        }
        Optional<Workspace> workspace = inventory.workspaceProperty().get();
        if (workspace.isEmpty()) {
            return;
        }
        Checked<Optional<DeploymentSigner>> signer = signer();
        if (signer.isFail()) {
            message.set("Nothing sent: " + signer.problemOption().orElseThrow().message());
            return;
        }
        busy.set(true);
        message.set((action.equals("deploy") ? "Deploying " : "Revoking ") + files.size() + " items …");
        DeploymentHistory historyFile = new DeploymentHistory(workspace.get());
        List<String> names = items.orThrow().stream().map(ItemFileJson.Decoded::typedName).toList();
        background.execute(() -> {
            List<String> outcomes = new ArrayList<>();
            for (Target t : chosen) {
                var version = Deployer.freshVersionId(clock.instant());
                Checked<?> result = action.equals("deploy") ? Deployer.deploy(t.conf(), items.orThrow(), version, signer.orThrow())
                        : Deployer.revoke(t.conf(), items.orThrow());
                historyFile.add(new DeploymentHistory.Record(clock.instant(), action, t.name(), t.conf().userId(),
                        action.equals("deploy") ? Optional.of(version.string()) : Optional.empty(), names,
                        action.equals("deploy") && signer.orThrow().isPresent(), result.problemOption().map(Problem::message)));
                outcomes.add(result.isOk() ? t.name() + ": " + (action.equals("deploy") ? "deployed as version " + version.string() : "revoked")
                        : result.problemOption().orElseThrow().message());
            }
            List<DeploymentHistory.Record> records = historyFile.records();
            ui.execute(() -> {
                busy.set(false);
                message.set(String.join("\n", outcomes));
                history.setAll(records);
                readTargets();
            });
        });
    }

    private Checked<Optional<DeploymentSigner>> signer() {
        if (keyStore.get().isBlank()) {
            return Checked.ok(Optional.empty());
        }
        return DeploymentSigner.load(Path.of(keyStore.get().strip()), keyPassword.get().toCharArray(), Optional.empty()).map(Optional::of);
    }

    /** Reads each target's items and updates the rows' states and the diff. */
    public void readTargets() {
        List<Target> all = List.copyOf(targets);
        background.execute(() -> {
            Map<String, Checked<EngineState>> states = new HashMap<>();
            all.forEach(t -> states.put(t.name(), Deployer.controllerState(t.conf())));
            ui.execute(() -> {
                targetStates.putAll(states);
                updateRows();
                if (!diffFile.isEmpty()) {
                    showDiff(diffFile);
                }
            });
        });
    }

    private void updateRows() {
        Map<String, Boolean> chosen = new HashMap<>();
        rows.forEach(r -> chosen.put(r.entry().file(), r.chosen().get()));
        List<Row> updated = new ArrayList<>();
        for (InventoryEntry e : inventory.allEntries()) {
            Map<String, String> states = new java.util.LinkedHashMap<>();
            var item = inventory.validItems(List.of(e.file()));
            for (Target t : targets) {
                Checked<EngineState> s = targetStates.get(t.name());
                states.put(t.name(), s == null ? "…" : s.isFail() ? "unreachable"
                        : item.isFail() ? "invalid" : DeployedState.of(item.orThrow().get(0), s.orThrow()).label());
            }
            updated.add(new Row(e, new SimpleBooleanProperty(chosen.getOrDefault(e.file(), false)), java.util.Collections.unmodifiableMap(states)));
        }
        rows.setAll(updated);
    }
}
