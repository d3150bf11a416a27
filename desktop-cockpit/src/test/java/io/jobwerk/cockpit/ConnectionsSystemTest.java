package io.jobwerk.cockpit;

import static io.jobwerk.cockpit.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.allcontrollers.AllOrdersViewModel;
import io.jobwerk.cockpit.connection.ConnectionState.Status;
import io.jobwerk.cockpit.connections.ConnectionEntry;
import io.jobwerk.cockpit.connections.ConnectionsViewModel;
import io.jobwerk.cockpit.connections.MemoryVault;
import io.jobwerk.cockpit.connections.ProfileStore;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.notify.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two real standalone systems (Controller + Agent each, ephemeral ports) side by side in one Cockpit
 * window: both connected with their states and counts in the strip, switched by click and by
 * Ctrl+PgDn; a wrong password says login failed; one stopped shows lost with its retry countdown
 * and is notified naming it, restarted it is connected again by itself. Writes {@code screenshots/connections.png}.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionsSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path data;
    static DemoSystem prod;
    static DemoSystem test;

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private ExecutorService background;
    private CockpitShell shell;
    private Path config; // each test's own: both add the same profiles

    @BeforeAll
    static void startSystems() throws Exception {
        prod = DemoSystem.startRestartable(data.resolve("prod"));
        prod.addOrders(Instant.now());
        test = DemoSystem.startRestartable(data.resolve("test"));
        for (int i = 1; i <= 3; i++) {
            test.addOrder("hello-" + i, "demo/hello", Optional.empty());
        }
        test.addOrder("check-disk-tmp", "ops/failing", Optional.empty());
        test.addOrder("report-tonight", "ops/locked-report", Optional.empty());
    }

    @AfterAll
    static void stopSystems() {
        for (DemoSystem system : new DemoSystem[] {prod, test}) {
            if (system != null) {
                system.close();
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        background = Executors.newSingleThreadExecutor();
        config = Files.createTempDirectory(Files.createDirectories(data.resolve("config")), "cockpit");
        shell = new CockpitShell(new ProfileStore(config), new MemoryVault(),
                (profile, why) -> {
                    asked.add(profile.name());
                    return Optional.of(new ConnectionsViewModel.PasswordPrompt.Answer(DemoSystem.PASSWORD, false));
                },
                background, Clock.systemUTC(), ZoneId.of("Europe/Berlin"), question -> true, (question, initial) -> Optional.empty());
        shell.show(stage);
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get(10, TimeUnit.SECONDS);
        background.shutdownNow();
    }

    @Test
    void twoControllersSideBySideSwitchedOneLostAndBackAgain(FxRobot robot) throws Exception {
        connectProdAndTest(robot);
        assertThat(asked).as("the password of test was not given: asked once").containsExactly("test");
        assertThat(Files.readString(config.resolve("connections.json"))).doesNotContain(DemoSystem.PASSWORD);

        // prod is shown (the first added); Ctrl+PgDn shows test, a click on prod's chip shows prod again
        assertThat(onFx(() -> shell.current().orElseThrow() == shell.cockpit("prod").orElseThrow())).isTrue();
        assertThat(onFx(() -> shell.current().orElseThrow().view().isVisible())).isTrue();
        robot.push(KeyCode.SHORTCUT, KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> shell.current().orElseThrow() == shell.cockpit("test").orElseThrow())).isTrue();
        assertThat(onFx(() -> shell.cockpit("prod").orElseThrow().view().isVisible())).isFalse();
        assertThat(onFx(() -> shell.current().orElseThrow().live().countsProperty().get().count(StateGroup.FAILED))).isEqualTo(1);
        robot.clickOn("#connection-prod");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> shell.current().orElseThrow() == shell.cockpit("prod").orElseThrow())).isTrue();
        assertThat(robot.lookup("#connection-test .chip-state").queryAs(Label.class).getText()).startsWith("connected since");

        // a wrong password: login failed, and no retry by itself
        robot.interact(() -> {
            ConnectionsViewModel connections = shell.connections();
            connections.connect(connections.add("site-b", prod.controllerUri(), "operator", "wrong-password", false).orThrow());
        });
        awaitFx("site-b's login refused", () -> entry("site-b").stateProperty().get().status() == Status.LOGIN_FAILED);
        assertThat(robot.lookup("#connection-site-b .chip-state").queryAs(Label.class).getText()).isEqualTo("login failed");
        assertThat(entry("site-b").stateProperty().get().retryAt()).isEmpty();
        assertThat(onFx(() -> shell.current().orElseThrow() == shell.cockpit("prod").orElseThrow())).as("adding does not switch").isTrue();

        // test stops: its chip says lost with a countdown, its notification centre names it
        test.stop();
        awaitFx("test lost", () -> entry("test").stateProperty().get().status() == Status.RECONNECTING
                && entry("test").stateProperty().get().wasLost());
        assertThat(robot.lookup("#connection-test .chip-state").queryAs(Label.class).getText()).startsWith("lost ");
        assertThat(onFx(() -> shell.cockpit("test").orElseThrow().viewModel().notifications().notifications().stream()
                .filter(n -> n.kind() == Notification.Kind.CONNECTION_LOST).map(Notification::text).toList()))
                .singleElement().asString().contains("test (" + test.controllerUri());
        assertThat(connected("prod")).as("prod is not affected").isTrue();
        awaitFx("a retry countdown shown", () -> entry("test").stateTextProperty().get().contains("retry in"));
        robot.interact(shell::toggleConnections);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#connectionsTable").queryTableView().getSelectionModel().select(1));
        // test's lost connection was toasted (bottom right, 8 s): the toast would take the click meant for the form
        robot.interact(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
                .filter(w -> w instanceof javafx.stage.PopupWindow).forEach(javafx.stage.Window::hide));
        robot.clickOn("#connectionTest");
        awaitFx("the test's answer", () -> shell.connections().messageProperty().get().startsWith("Refused"));
        assertThat(robot.lookup("#connectionsMessage").queryAs(Label.class).getText())
                .startsWith("Refused: nothing listens at " + test.controllerUri() + " (is the Controller running, is the port right?)");
        Screenshots.write(robot, shell.scene(), "connections.png");
        robot.interact(() -> shell.darkProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        Path dark = Screenshots.write(robot, shell.scene(), "connections-dark.png");
        Files.move(dark, Path.of("target", "connections-dark.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> shell.darkProperty().set(false));

        // restarted, test is connected again by itself, its orders as before
        test.restart();
        awaitFx("test connected again", () -> connected("test") && entry("test").ordersProperty().get() == 5);
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connection-test .chip-state").queryAs(Label.class).getText()).startsWith("connected since");
    }

    @Test
    void allControllersOrdersInOneTableEachActionAtItsOwnController(FxRobot robot) throws Exception {
        connectProdAndTest(robot);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#allControllers").query().isVisible()).isTrue();
        assertThat(robot.lookup("#connection-all").query().getStyleClass()).contains("current");
        assertThat(robot.lookup("#connection-prod").query().getStyleClass()).doesNotContain("current");
        AllOrdersViewModel all = shell.allOrders();
        awaitFx("the orders of both in one table", () -> all.rows().size() == entry("prod").ordersProperty().get() + 5);
        assertThat(onFx(() -> all.rows().stream().map(r -> all.controllerOf(r).orElseThrow()).distinct().sorted().toList()))
                .containsExactly("prod", "test");
        assertThat(onFx(() -> all.countsProperty().get().count(StateGroup.FAILED))).isEqualTo(2);
        assertThat(robot.lookup("#all-tile-FAILED .tile-breakdown").queryAs(Label.class).getText()).isEqualTo("prod 1 · test 1");
        assertThat(robot.lookup("#all-tile-FAILED .count").queryAs(Label.class).getText()).isEqualTo("2");
        // hello-1 is at both Controllers: two rows, one each
        assertThat(onFx(() -> all.rows().stream().filter(r -> r.orderId().equals("hello-1")).map(r -> all.controllerOf(r).orElseThrow()).sorted().toList()))
                .containsExactly("prod", "test");

        // test's running report, cancelled and killed from here (Shift+Delete), is cancelled at test (prod's orders untouched)
        robot.clickOn("#allControllers #orderFilter").write("report-tonight");
        awaitFx("test's report alone", () -> all.rows().size() == 1);
        robot.interact(() -> {
            robot.lookup("#allControllers #orders").queryTableView().getSelectionModel().select(0);
            robot.lookup("#allControllers #orders").query().requestFocus();
        });
        robot.push(KeyCode.SHIFT, KeyCode.DELETE);
        awaitFx("report-tonight cancelled at test", () -> shell.cockpit("test").orElseThrow().live().row("report-tonight")
                .filter(r -> r.state().startsWith("Cancelled")).isPresent());
        assertThat(onFx(() -> shell.cockpit("prod").orElseThrow().live().row("report-tonight"))).isEmpty();
        assertThat(robot.lookup("#allControllers #ordersMessage").queryAs(Label.class).getText()).startsWith("test: Cancelling (kill) 1 order");

        // a double-click opens the order in its own Controller's Cockpit
        robot.interact(() -> all.textProperty().set(""));
        robot.interact(() -> all.openDetail(all.rows().stream().filter(r -> r.orderId().equals("check-disk-tmp")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> shell.current().orElseThrow() == shell.cockpit("test").orElseThrow())).isTrue();
        assertThat(onFx(() -> shell.current().orElseThrow().viewModel().orderDetail().orderIdProperty().get())).isEqualTo("check-disk-tmp");

        robot.clickOn("#connection-all");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            var table = robot.lookup("#allControllers #orders").<io.jobwerk.cockpit.live.OrderRow>queryTableView();
            table.getSortOrder().setAll(table.getColumns().get(4)); // by state
            table.getSelectionModel().select(all.rows().stream().filter(r -> r.orderId().equals("report-noon")).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
        // each tile's number is the sum of its parts
        for (StateGroup group : StateGroup.values()) {
            String count = robot.lookup("#all-tile-" + group.name() + " .count").queryAs(Label.class).getText();
            String parts = robot.lookup("#all-tile-" + group.name() + " .tile-breakdown").queryAs(Label.class).getText();
            int sum = java.util.Arrays.stream(parts.split(" · ")).filter(p -> !p.isEmpty())
                    .mapToInt(p -> Integer.parseInt(p.substring(p.lastIndexOf(' ') + 1))).sum();
            assertThat(Integer.parseInt(count)).as(group + ": " + parts).isEqualTo(sum);
        }
        Screenshots.write(robot, shell.scene(), "orders-all-controllers.png");
    }

    private void connectProdAndTest(FxRobot robot) throws Exception {
        robot.interact(() -> {
            ConnectionsViewModel connections = shell.connections();
            connections.add("prod", prod.controllerUri(), DemoSystem.USER, DemoSystem.PASSWORD, false).orThrow();
            connections.add("test", test.controllerUri(), DemoSystem.USER, "", false).orThrow();
            connections.entries().forEach(connections::connect);
        });
        awaitFx("both connected with their orders", () -> connected("prod") && connected("test")
                && entry("prod").failedProperty().get() == 1 && entry("test").failedProperty().get() == 1
                && entry("test").ordersProperty().get() == 5 && entry("prod").ordersProperty().get() > 10);
    }

    private ConnectionEntry entry(String name) {
        return shell.connections().entry(name).orElseThrow();
    }

    private boolean connected(String name) {
        return entry(name).stateProperty().get().isConnected();
    }

    private static void awaitFx(String what, Supplier<Boolean> condition) throws Exception {
        FxWait.awaitFx(what, TIMEOUT, condition);
    }
}
