package io.jobwerk.cockpit.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.connection.ConnectionState.Status;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections screen's ViewModel with fake connections, an in-memory vault and a clock the test moves. */
class ConnectionsViewModelTest {

    private static final ZoneId ZONE = ZoneOffset.UTC;

    @TempDir
    Path config;

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZONE; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final List<FakeConnection> opened = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private Optional<ConnectionsViewModel.PasswordPrompt.Answer> answer = Optional.empty();

    private ConnectionsViewModel viewModel(PasswordVault vault) {
        return new ConnectionsViewModel(new ProfileStore(config), vault, conf -> {
            FakeConnection connection = new FakeConnection(conf, new LiveModel(clock, ZONE));
            opened.add(connection);
            return connection;
        }, (profile, why) -> {
            asked.add(profile.name() + ": " + why);
            return answer;
        }, UiThread.direct(), Runnable::run, clock, ZONE);
    }

    @Test
    void noPasswordLandsInTheProfileFile() throws Exception {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        vm.add("prod", "https://prod.example.com:4443", "operator", "prod-secret-1", true).orThrow();
        vm.add("test", "http://test.example.com:4444", "tester", "test-secret-2", false).orThrow();
        answer = Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer("asked-secret-3", false));
        vm.add("site", "http://site.example.com:4444", "ops", "", false).orThrow();
        vm.connect(vm.entry("site").orElseThrow());
        vm.choose("http://127.0.0.1:4444", "demo", Optional.empty(), Optional.of("demo-secret-4"));

        String file;
        try (Stream<Path> files = Files.walk(config)) {
            file = String.join("\n", files.filter(Files::isRegularFile).map(p -> read(p)).toList());
        }
        assertThat(file).contains("prod", "https://prod.example.com:4443", "operator", "127.0.0.1:4444");
        assertThat(file).doesNotContain("prod-secret-1", "test-secret-2", "asked-secret-3", "demo-secret-4", "password");
        assertThat(opened).extracting(c -> c.conf.password()).containsExactly("asked-secret-3", "demo-secret-4");
    }

    @Test
    void withoutAKeyringAPasswordIsAskedAtConnectAndKeptInMemoryForThisRun() {
        MemoryVault vault = new MemoryVault();
        ConnectionsViewModel vm = viewModel(vault);
        ConnectionEntry prod = vm.add("prod", "http://prod:4444", "operator", "", true).orThrow();
        answer = Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer("typed", true));
        vm.connect(prod);
        assertThat(asked).containsExactly("prod: Password of operator at http://prod:4444");
        assertThat(opened.get(0).conf.password()).isEqualTo("typed");
        assertThat(vault.password(prod.profile())).as("memory is not a keyring: nothing stored there").isEmpty();

        vm.disconnect(prod);
        assertThat(opened.get(0).closed).isTrue();
        vm.connect(prod);
        assertThat(asked).as("asked once per run").hasSize(1);
        assertThat(opened.get(1).conf.password()).isEqualTo("typed");

        // a new run of the Cockpit (a new ViewModel on the same file) has the profile but not the password
        ConnectionsViewModel next = viewModel(new MemoryVault());
        assertThat(next.entries()).extracting(e -> e.profile().name()).containsExactly("prod");
        answer = Optional.empty();
        next.connect(next.entry("prod").orElseThrow());
        assertThat(asked).hasSize(2);
        assertThat(opened).hasSize(2);
    }

    @Test
    void aKeyringKeepsThePasswordOnlyWhenAskedToAndGivesItBackWithoutAsking() {
        PersistentVault keyring = new PersistentVault();
        ConnectionsViewModel vm = viewModel(keyring);
        ConnectionEntry prod = vm.add("prod", "http://prod:4444", "operator", "kept", true).orThrow();
        ConnectionEntry test = vm.add("test", "http://test:4444", "tester", "not-kept", false).orThrow();
        assertThat(keyring.password(prod.profile())).contains("kept");
        assertThat(keyring.password(test.profile())).isEmpty();

        ConnectionsViewModel next = viewModel(keyring);
        next.connect(next.entry("prod").orElseThrow());
        assertThat(asked).isEmpty();
        assertThat(opened.get(0).conf.password()).isEqualTo("kept");

        next.remove(next.entry("prod").orElseThrow());
        assertThat(keyring.password(prod.profile())).as("removed with its profile").isEmpty();
        assertThat(opened.get(0).closed).isTrue();
    }

    @Test
    void theShellSeesEachConnectionsStateRetryCountdownAndCounts() {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        ConnectionEntry prod = vm.add("prod", "http://prod:4444", "operator", "p", false).orThrow();
        assertThat(prod.stateTextProperty().get()).isEqualTo("not connected");
        vm.connect(prod);
        FakeConnection connection = opened.get(0);
        connection.live.setConnection(ConnectionState.connected(now));
        assertThat(prod.stateTextProperty().get()).isEqualTo("connected since 10:00:00 Z");

        now = now.plusSeconds(30);
        connection.live.setConnection(new ConnectionState(Status.RECONNECTING, now, Optional.of("Connection refused"),
                Optional.of(now.plusSeconds(5)), true));
        assertThat(prod.stateTextProperty().get()).isEqualTo("lost 10:00:30 Z · retry in 5 s");
        now = now.plus(Duration.ofMillis(2_500));
        vm.tick();
        assertThat(prod.stateTextProperty().get()).isEqualTo("lost 10:00:30 Z · retry in 3 s");

        connection.live.setConnection(new ConnectionState(Status.LOGIN_FAILED, now, Optional.of("Login failed"), Optional.empty(), true));
        assertThat(prod.stateTextProperty().get()).isEqualTo("login failed");
        vm.disconnect(prod);
        assertThat(prod.stateTextProperty().get()).isEqualTo("not connected");
        assertThat(prod.ordersProperty().get()).isZero();
    }

    @Test
    void aRefusedPasswordIsForgottenSoTheNextConnectAsks() {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        ConnectionEntry prod = vm.add("prod", "http://prod:4444", "operator", "wrong", false).orThrow();
        vm.connect(prod);
        opened.get(0).live.setConnection(new ConnectionState(Status.LOGIN_FAILED, now, Optional.of("Login failed"), Optional.empty(), false));
        vm.disconnect(prod);
        answer = Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer("right", false));
        vm.connect(prod);
        assertThat(asked).hasSize(1);
        assertThat(opened.get(1).conf.password()).isEqualTo("right");
    }

    @Test
    void whileTheKeyringIsLookedForAPasswordInMemoryConnectsAndARememberedOneIsStoredOnceItIsFound() {
        java.util.concurrent.CompletableFuture<PasswordVault> lookingFor = new java.util.concurrent.CompletableFuture<>();
        List<Runnable> later = new ArrayList<>();
        ConnectionsViewModel vm = new ConnectionsViewModel(new ProfileStore(config), lookingFor, conf -> {
            FakeConnection connection = new FakeConnection(conf, new LiveModel(clock, ZONE));
            opened.add(connection);
            return connection;
        }, (profile, why) -> Optional.empty(), UiThread.direct(), later::add, clock, ZONE);
        assertThat(vm.keyringProperty().get()).isFalse();
        assertThat(vm.vaultDescriptionProperty().get()).isEqualTo("looking for the OS keyring …");

        ConnectionEntry prod = vm.choose("http://prod:4444", "operator", Optional.of("prod"), Optional.of("given"));
        while (!later.isEmpty()) {
            later.remove(0).run(); // the password is in memory: no wait for the keyring
        }
        assertThat(opened).extracting(c -> c.conf.password()).containsExactly("given");
        vm.update(prod, "prod", "http://prod:4444", "operator", "remembered", true).orThrow();

        PersistentVault keyring = new PersistentVault();
        lookingFor.complete(keyring);
        while (!later.isEmpty()) {
            later.remove(0).run();
        }
        assertThat(vm.keyringProperty().get()).isTrue();
        assertThat(vm.vaultDescriptionProperty().get()).isEqualTo("test keyring");
        assertThat(keyring.password(prod.profile())).contains("remembered");
        assertThat(opened).extracting(c -> c.conf.password()).containsExactly("given", "remembered");
    }

    @Test
    void switchingGoesRoundTheConnections() {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        ConnectionEntry a = vm.add("a", "http://a:1", "u", "", false).orThrow();
        ConnectionEntry b = vm.add("b", "http://b:1", "u", "", false).orThrow();
        ConnectionEntry c = vm.add("c", "http://c:1", "u", "", false).orThrow();
        assertThat(vm.currentProperty().get()).isSameAs(a);
        vm.selectNext();
        vm.selectNext();
        assertThat(vm.currentProperty().get()).isSameAs(c);
        vm.selectNext();
        assertThat(vm.currentProperty().get()).isSameAs(a);
        vm.selectPrevious();
        assertThat(vm.currentProperty().get()).isSameAs(c);
        vm.remove(c);
        assertThat(vm.currentProperty().get()).isSameAs(b);
    }

    @Test
    void theCommandLineChoosesAnExistingProfileOrSavesANewOne() {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        vm.add("local", "http://127.0.0.1:4444", "demo", "", false).orThrow();
        ConnectionEntry chosen = vm.choose("http://127.0.0.1:4444/", "demo", Optional.empty(), Optional.of("demo"));
        assertThat(chosen.profile().name()).isEqualTo("local");
        assertThat(asked).isEmpty();
        assertThat(vm.currentProperty().get()).isSameAs(chosen);

        ConnectionEntry other = vm.choose("http://10.0.0.7:4444", "ops", Optional.empty(), Optional.of("x"));
        assertThat(other.profile().name()).isEqualTo("10.0.0.7:4444");
        assertThat(viewModel(new MemoryVault()).entries()).extracting(e -> e.profile().name()).containsExactly("local", "10.0.0.7:4444");
    }

    @Test
    void aWrongFieldIsNamedAndNothingIsSaved() {
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        vm.add("prod", "http://prod:4444", "operator", "", false).orThrow();
        Checked<ConnectionEntry> twice = vm.add("prod", "http://other:4444", "operator", "", false);
        assertThat(twice.problemOption().orElseThrow().message()).isEqualTo("Name: a connection named 'prod' exists");
        assertThat(vm.messageIsProblemProperty().get()).isTrue();
        assertThat(vm.add("x", "prod:4444", "operator", "", false).problemOption().orElseThrow().message()).startsWith("Controller URL:");
        assertThat(vm.entries()).hasSize(1);
    }

    @Test
    void testingAnUnreachableControllerSaysItIsRefused() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionsViewModel vm = viewModel(new MemoryVault());
        Checked<String> result = vm.test("prod", "http://127.0.0.1:" + port, "operator", "p").get();
        assertThat(result.problemOption().orElseThrow().message()).startsWith("Refused: nothing listens at http://127.0.0.1:" + port);
        assertThat(vm.messageProperty().get()).startsWith("Refused");
        assertThat(vm.test("prod", "http://127.0.0.1:" + port, "operator", "").get().problemOption().orElseThrow().message())
                .isEqualTo("No password: type it to test the connection");
    }

    @Test
    void theConnectionsOpenWhenClosedAreOpenedAgainAtTheNextStart() {
        PersistentVault keyring = new PersistentVault();
        ConnectionsViewModel first = viewModel(keyring);
        first.add("prod", "http://prod:4444", "operator", "from-keyring", true).orThrow();
        first.add("test", "http://test:4444", "tester", "", false).orThrow();
        first.add("site", "http://site:4444", "ops", "", false).orThrow();
        answer = Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer("typed-once", false));
        first.connect(first.entry("prod").orElseThrow());
        first.connect(first.entry("test").orElseThrow());
        first.connect(first.entry("site").orElseThrow());
        first.disconnect(first.entry("site").orElseThrow()); // closed by the operator: not opened again
        first.closeAll(); // the window closes
        assertThat(read(config.resolve(ProfileStore.FILE_NAME))).doesNotContain("from-keyring", "typed-once");

        opened.clear();
        asked.clear();
        answer = Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer("typed-again", false));
        ConnectionsViewModel next = viewModel(keyring);
        assertThat(opened).as("nothing opens before reopen").isEmpty();
        next.reopen();
        assertThat(opened).extracting(c -> c.conf.name() + ":" + c.conf.password())
                .containsExactly("prod:from-keyring", "test:typed-again");
        assertThat(asked).as("test's password was kept for that run only: asked").containsExactly("test: Password of tester at http://test:4444");
        assertThat(next.entry("site").orElseThrow().open()).isEmpty();
        assertThat(next.currentProperty().get().profile().name()).isEqualTo("prod");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class FakeConnection implements OpenConnection {
        final ConnectionConf conf;
        final LiveModel live;
        boolean closed;

        FakeConnection(ConnectionConf conf, LiveModel live) {
            this.conf = conf;
            this.live = live;
        }

        @Override public LiveModel live() { return live; }
        @Override public void retryNow() { }
        @Override public void close() { closed = true; }
    }

    /** A keyring in memory: persistent as far as the ViewModel can tell. */
    private static final class PersistentVault implements PasswordVault {
        private final MemoryVault memory = new MemoryVault();
        @Override public Optional<String> password(ConnectionProfile profile) { return memory.password(profile); }
        @Override public Checked<ConnectionProfile> store(ConnectionProfile profile, String password) { return memory.store(profile, password); }
        @Override public void forget(ConnectionProfile profile) { memory.forget(profile); }
        @Override public boolean persistent() { return true; }
        @Override public String description() { return "test keyring"; }
    }
}
