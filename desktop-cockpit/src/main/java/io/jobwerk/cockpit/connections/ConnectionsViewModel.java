package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operator's Controllers: the saved profiles ({@link ProfileStore}), which are connected, which
 * one the Cockpit shows, and the Connections screen's actions — add, edit, remove, test, connect,
 * disconnect. Passwords come from the {@link PasswordVault} or are asked ({@link PasswordPrompt});
 * one asked and not to be remembered in a keyring is kept in memory for this run only. UI thread;
 * keyring reads and tests run on {@code background}.
 */
public final class ConnectionsViewModel {

    /** Opens a connection (the Cockpit builds its window's part for it). */
    @FunctionalInterface
    public interface Connector {
        OpenConnection open(ConnectionConf conf);
    }

    /** Asks the operator for a profile's password; empty when cancelled. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<Answer> ask(ConnectionProfile profile, String why);

        /** @param remember keep it in the keyring (where there is one) */
        record Answer(String password, boolean remember) {}
    }

    private final ProfileStore store;
    private final CompletableFuture<PasswordVault> vault; // joined on background threads only
    private final MemoryVault session = new MemoryVault();
    private final Connector connector;
    private final PasswordPrompt prompt;
    private final UiThread ui;
    private final Executor background;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<ConnectionEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ConnectionEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyObjectWrapper<ConnectionEntry> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsProblem = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper vaultDescription = new ReadOnlyStringWrapper("looking for the OS keyring …");
    private final ReadOnlyBooleanWrapper keyring = new ReadOnlyBooleanWrapper(false);
    private final java.util.Set<String> openAtStart;

    public ConnectionsViewModel(ProfileStore store, PasswordVault vault, Connector connector, PasswordPrompt prompt,
                                UiThread ui, Executor background, Clock clock, ZoneId zone) {
        this(store, CompletableFuture.completedFuture(vault), connector, prompt, ui, background, clock, zone);
    }

    /**
     * @param vault found while the window opens (a keyring probe takes up to seconds): until then a
     *              profile's password comes from memory and no keyring is offered
     */
    public ConnectionsViewModel(ProfileStore store, CompletableFuture<PasswordVault> vault, Connector connector, PasswordPrompt prompt,
                                UiThread ui, Executor background, Clock clock, ZoneId zone) {
        this.store = store;
        this.vault = vault;
        vault.thenAccept(found -> ui.execute(() -> {
            vaultDescription.set(found.description());
            keyring.set(found.persistent());
        }));
        this.connector = connector;
        this.prompt = prompt;
        this.ui = ui;
        this.background = background;
        this.clock = clock;
        this.zone = zone;
        Checked<List<ConnectionProfile>> loaded = store.load();
        loaded.toOptional().orElse(List.of()).forEach(p -> entries.add(newEntry(p)));
        loaded.problemOption().ifPresent(this::problem);
        openAtStart = store.loadOpen();
        if (!entries.isEmpty()) {
            current.set(entries.get(0));
        }
    }

    public ObservableList<ConnectionEntry> entries() {
        return readOnlyEntries;
    }

    /** The connection the Cockpit shows. */
    public ReadOnlyObjectProperty<ConnectionEntry> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The outcome of the last action (a test's answer, a saved profile, a problem). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsProblemProperty() {
        return messageIsProblem.getReadOnlyProperty();
    }

    /** Where passwords are kept, for the operator (the keyring, or memory only and why). */
    public ReadOnlyStringProperty vaultDescriptionProperty() {
        return vaultDescription.getReadOnlyProperty();
    }

    /** Whether an OS keyring keeps passwords (false until it is known). */
    public ReadOnlyBooleanProperty keyringProperty() {
        return keyring.getReadOnlyProperty();
    }

    public Optional<ConnectionEntry> entry(String name) {
        return entries.stream().filter(e -> e.profile().name().equals(name)).findFirst();
    }

    public void select(ConnectionEntry entry) {
        current.set(entry);
    }

    public void selectNext() {
        step(1);
    }

    public void selectPrevious() {
        step(-1);
    }

    private void step(int by) {
        if (entries.isEmpty()) {
            return;
        }
        int at = Math.max(0, entries.indexOf(current.get()));
        current.set(entries.get(Math.floorMod(at + by, entries.size())));
    }

    /** Brings each entry's words up to now (the retry countdowns); the view calls it every second. */
    public void tick() {
        entries.forEach(e -> e.describe(clock.instant()));
    }

    /**
     * The command line's Controller and user: the profile with both, else a new one (named
     * {@code name}, or the host) saved; the password given is kept for this run only; connected and shown.
     */
    public ConnectionEntry choose(String controllerUri, String userId, Optional<String> name, Optional<String> password) {
        ConnectionEntry entry = entries.stream().filter(e -> e.profile().sameTarget(controllerUri, userId)).findFirst().orElse(null);
        if (entry == null) {
            String base = name.orElse(hostOf(controllerUri));
            ConnectionProfile profile = new ConnectionProfile(uniqueName(base), controllerUri, userId);
            entry = newEntry(profile);
            entries.add(entry);
            save();
        }
        ConnectionEntry chosen = entry;
        password.ifPresent(p -> session.store(chosen.profile(), p));
        current.set(chosen);
        connect(chosen);
        return chosen;
    }

    /** Adds a profile (the password, when given, remembered in the keyring or for this run); a problem names the field. */
    public Checked<ConnectionEntry> add(String name, String controllerUri, String userId, String password, boolean remember) {
        Checked<ConnectionProfile> checked = ConnectionProfile.checked(name, controllerUri, userId)
                .flatMap(p -> entry(p.name()).isPresent()
                        ? Checked.fail(Problem.of("InvalidConnection", "Name: a connection named '" + p.name() + "' exists"))
                        : Checked.ok(p));
        if (checked.isFail()) {
            return Checked.fail(problem(checked.problemOption().orElseThrow()));
        }
        ConnectionEntry entry = newEntry(checked.orThrow());
        entries.add(entry);
        keepPassword(entry.profile(), password, remember);
        save().ifPresent(p -> info("Added " + entry.profile().name()));
        if (current.get() == null) {
            current.set(entry);
        }
        return Checked.ok(entry);
    }

    /**
     * Changes a profile; a blank password keeps the one stored. A connected profile whose target or
     * password changed connects again.
     */
    public Checked<ConnectionEntry> update(ConnectionEntry entry, String name, String controllerUri, String userId, String password, boolean remember) {
        Checked<ConnectionProfile> checked = ConnectionProfile.checked(name, controllerUri, userId)
                .flatMap(p -> entries.stream().anyMatch(e -> e != entry && e.profile().name().equals(p.name()))
                        ? Checked.fail(Problem.of("InvalidConnection", "Name: a connection named '" + p.name() + "' exists"))
                        : Checked.ok(p));
        if (checked.isFail()) {
            return Checked.fail(problem(checked.problemOption().orElseThrow()));
        }
        ConnectionProfile before = entry.profile();
        ConnectionProfile after = checked.orThrow();
        boolean targetChanged = !before.account().equals(after.account());
        if (targetChanged) {
            session.password(before).ifPresent(p -> session.store(after, p));
            session.forget(before);
            background.execute(() -> vault.join().forget(before));
        }
        entry.setProfile(after);
        keepPassword(after, password, remember);
        save().ifPresent(p -> info("Saved " + after.name()));
        if (entry.open().isPresent() && (targetChanged || !password.isEmpty())) {
            close(entry);
            connect(entry);
        }
        return Checked.ok(entry);
    }

    /** Disconnects and removes the profile, its password forgotten (keyring and memory). */
    public void remove(ConnectionEntry entry) {
        close(entry);
        int at = entries.indexOf(entry);
        entries.remove(entry);
        session.forget(entry.profile());
        background.execute(() -> vault.join().forget(entry.profile()));
        if (current.get() == entry) {
            current.set(entries.isEmpty() ? null : entries.get(Math.min(at, entries.size() - 1)));
        }
        save().ifPresent(p -> info("Removed " + entry.profile().name()));
    }

    /**
     * Tests the form's connection once (login, session); a blank password uses the stored one. The
     * answer lands in {@link #messageProperty} and in the returned future.
     */
    public CompletableFuture<Checked<String>> test(String name, String controllerUri, String userId, String password) {
        CompletableFuture<Checked<String>> answer = new CompletableFuture<>();
        Checked<ConnectionProfile> checked = ConnectionProfile.checked(name.isBlank() ? "test" : name, controllerUri, userId);
        if (checked.isFail()) {
            answer.complete(Checked.fail(problem(checked.problemOption().orElseThrow())));
            return answer;
        }
        ConnectionProfile profile = checked.orThrow();
        info("Testing " + profile.controllerUri() + " …");
        background.execute(() -> {
            Optional<String> known = password.isEmpty() ? storedPassword(profile) : Optional.of(password);
            Checked<String> result = known.isEmpty()
                    ? Checked.fail(Problem.of("NoPassword", "No password: type it to test the connection"))
                    : ConnectionProbe.test(profile.conf(known.get()));
            ui.execute(() -> {
                result.problemOption().ifPresentOrElse(this::problem, () -> info(result.orThrow()));
                answer.complete(result);
            });
        });
        return answer;
    }

    /**
     * Connects again the connections that were open when the Cockpit was last closed (as the profile
     * file remembers them), each with its stored password or asked for it; the one shown stays shown.
     */
    public void reopen() {
        for (ConnectionEntry entry : entries) {
            if (openAtStart.contains(entry.profile().name())) {
                connect(entry);
            }
        }
    }

    /** Connects with the stored password, else asks for it; an entry already open stays as it is. */
    public void connect(ConnectionEntry entry) {
        if (entry.open().isPresent()) {
            entry.open().get().retryNow();
            return;
        }
        ConnectionProfile profile = entry.profile();
        background.execute(() -> {
            Optional<String> stored = storedPassword(profile);
            ui.execute(() -> {
                Optional<String> password = stored.or(() -> ask(profile, "Password of " + profile.userId() + " at " + profile.controllerUri()));
                if (password.isEmpty() || entry.open().isPresent() || !entries.contains(entry)) {
                    return;
                }
                OpenConnection connection = connector.open(profile.conf(password.get()));
                entry.attach(connection, clock.instant());
                save();
                // A refused password is not tried again by itself: the next connect asks (or the operator edits it).
                connection.live().connectionProperty().addListener((o, a, b) -> {
                    if (b.status() == ConnectionState.Status.LOGIN_FAILED) {
                        session.forget(profile);
                    }
                });
            });
        });
    }

    /** Ends a connection; the next start does not open it again. */
    public void disconnect(ConnectionEntry entry) {
        close(entry);
        save();
    }

    /** Ends every connection (the window closes); the profile file keeps which were open, for the next start. */
    public void closeAll() {
        entries.forEach(this::close);
    }

    private void close(ConnectionEntry entry) {
        entry.detach(clock.instant()).ifPresent(OpenConnection::close);
    }

    private Optional<String> ask(ConnectionProfile profile, String why) {
        Optional<PasswordPrompt.Answer> answer = prompt.ask(profile, why);
        answer.ifPresent(a -> keepPassword(profile, a.password(), a.remember()));
        return answer.map(PasswordPrompt.Answer::password).filter(p -> !p.isEmpty());
    }

    private Optional<String> storedPassword(ConnectionProfile profile) {
        return session.password(profile).or(() -> vault.join().password(profile));
    }

    private void keepPassword(ConnectionProfile profile, String password, boolean remember) {
        if (password.isEmpty()) {
            return;
        }
        session.store(profile, password);
        if (remember) {
            background.execute(() -> {
                PasswordVault found = vault.join();
                if (found.persistent()) {
                    found.store(profile, password).problemOption().ifPresent(p -> ui.execute(() -> problem(p)));
                }
            });
        }
    }

    private ConnectionEntry newEntry(ConnectionProfile profile) {
        return new ConnectionEntry(profile, zone, clock);
    }

    private Optional<java.nio.file.Path> save() {
        List<ConnectionProfile> profiles = new ArrayList<>();
        entries.forEach(e -> profiles.add(e.profile()));
        java.util.Set<String> open = new java.util.HashSet<>();
        entries.stream().filter(e -> e.open().isPresent()).forEach(e -> open.add(e.profile().name()));
        Checked<java.nio.file.Path> saved = store.save(profiles, open);
        saved.problemOption().ifPresent(this::problem);
        return saved.toOptional();
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; entry(name).isPresent(); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    private static String hostOf(String uri) {
        return uri.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    }

    private Problem problem(Problem problem) {
        message.set(problem.message());
        messageIsProblem.set(true);
        return problem;
    }

    private void info(String text) {
        message.set(text);
        messageIsProblem.set(false);
    }
}
