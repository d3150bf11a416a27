package io.jobwerk.cockpit;

import static io.jobwerk.cockpit.FxWait.select;
import static io.jobwerk.cockpit.FxWait.onFx;
import static io.jobwerk.cockpit.FxWait.awaitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.engine.order.OrderState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
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

/**
 * The operator's less common commands against a real standalone Controller + Agent: a failed order
 * resumed as succeeded goes on past its failed step to its end; a scheduled order let go now runs
 * at once; the Agent reset from the Agents screen comes back coupled and runs orders again.
 */
@ExtendWith(ApplicationExtension.class)
class OperatorActionsSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static DemoSystem system;
    static final List<String> confirmations = new ArrayList<>();

    private Cockpit cockpit;

    @BeforeAll
    static void startSystem() throws Exception {
        system = DemoSystem.start(data.resolve("standalone"));
        system.addOrder("check-disk-data", "ops/failing", Optional.empty());
        system.addOrder("hello-in-an-hour", "demo/hello", Optional.of(Instant.now().plusSeconds(3_600)));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Start
    void start(Stage stage) {
        ConnectionConf conf = new ConnectionConf("standalone", system.controllerUri(), DemoSystem.USER, DemoSystem.PASSWORD);
        cockpit = new Cockpit(conf, Clock.systemUTC(), ZoneId.of("Europe/Berlin"), question -> {
            confirmations.add(question);
            return true;
        }).start();
        cockpit.show(stage);
    }

    @AfterEach
    void closeCockpit() {
        cockpit.close();
    }

    @Test
    void resumesAFailedOrderAsSucceededLetsAScheduledOneGoAndResetsTheAgent(FxRobot robot) throws Exception {
        awaitFx("connected, the order failed", () -> cockpit.live().connectionProperty().get().isConnected()
                && cockpit.live().row("check-disk-data").map(r -> r.group() == StateGroup.FAILED).orElse(false)
                && cockpit.live().row("hello-in-an-hour").isPresent());

        // Resume as succeeded (Ctrl+Shift+U): asked first, naming it; it goes on past the failed job and finishes.
        robot.interact(() -> cockpit.viewModel().show(Page.ORDERS));
        TableView<OrderRow> table = robot.lookup("#orders").queryTableView();
        select(robot, table, "check-disk-data");
        robot.clickOn("#orders");
        select(robot, table, "check-disk-data");
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.U);
        assertThat(confirmations).last().asString().startsWith("Resume 1 order (check-disk-data) as succeeded?");
        awaitFx("check-disk-data finished", () -> cockpit.live().row("check-disk-data").map(r -> r.group() == StateGroup.FINISHED).orElse(false));
        assertThat(system.order("check-disk-data").map(o -> o.state().kind())).contains(OrderState.Kind.FINISHED);
        assertThat(system.order("check-disk-data").orElseThrow().historicOutcomes()).singleElement()
                .satisfies(h -> assertThat(h.outcome().isSucceeded()).isTrue());

        // Go now: the order scheduled in an hour runs at once.
        select(robot, table, "hello-in-an-hour");
        robot.clickOn("#goOrders");
        assertThat(confirmations).last().asString().startsWith("Let 1 order (hello-in-an-hour) go on now");
        awaitFx("hello-in-an-hour finished", () -> cockpit.live().row("hello-in-an-hour").map(r -> r.group() == StateGroup.FINISHED).orElse(false));

        // Reset the Agent from the Agents screen: asked first, naming it; it comes back coupled and runs an order.
        robot.interact(() -> cockpit.viewModel().show(Page.AGENTS));
        TableView<AgentRow> agents = robot.lookup("#agents").queryTableView();
        awaitFx("the Agent is coupled", () -> agents.getItems().stream()
                .anyMatch(r -> r.kind() == AgentRow.Kind.AGENT && r.id().equals("agent") && r.coupling() == AgentRow.Coupling.COUPLED));
        robot.interact(() -> agents.getSelectionModel().select(agent(agents)));
        assertThat(robot.lookup("#forceResetAgent").queryButton().isDisabled()).as("force only for a lost Agent").isTrue();
        robot.clickOn("#resetAgent");
        assertThat(confirmations).last().asString().startsWith("Reset Agent agent (");
        awaitFx("the reset accepted", () -> robot.lookup("#agentsMessage").queryLabeled().getText().equals("Resetting Agent agent: accepted"));
        // an Agent in this JVM keeps its connection through the reset (its event stream brings AgentReset), so "coupled again" is: still coupled
        awaitFx("the Agent coupled", () -> agent(agents).coupling() == AgentRow.Coupling.COUPLED);
        system.addOrder("hello-after-reset", "demo/hello", Optional.empty());
        awaitFx("an order runs on the reset Agent", () -> cockpit.live().row("hello-after-reset")
                .map(r -> r.group() == StateGroup.FINISHED).orElse(false));
    }

    @Test
    void disablesTheAgentsSubagentFromTheAgentsScreenAndEnablesItAgain(FxRobot robot) throws Exception {
        robot.interact(() -> cockpit.viewModel().show(Page.AGENTS));
        TableView<AgentRow> agents = robot.lookup("#agents").queryTableView();
        awaitFx("the Agent's Subagent listed", () -> subagent(agents).isPresent());
        String id = onFx(() -> subagent(agents).orElseThrow().id());
        robot.interact(() -> agents.getSelectionModel().select(subagent(agents).orElseThrow()));
        assertThat(robot.lookup("#toggleSubagent").queryButton().getText()).isEqualTo("Disable Subagent");
        robot.clickOn("#toggleSubagent");
        assertThat(confirmations).last().asString().startsWith("Disable Subagent " + id + " of Agent agent?");
        // the item changed at the Controller (POST …/item), which passes it on to the Agent
        awaitFx("shown disabled", () -> subagent(agents).map(AgentRow::disabled).orElse(false));
        assertThat(robot.lookup("#agentsMessage").queryLabeled().getText()).isEqualTo("Disabling Subagent " + id + ": accepted");
        assertThat(robot.lookup("#toggleSubagent").queryButton().getText()).isEqualTo("Enable Subagent");

        robot.clickOn("#toggleSubagent");
        assertThat(confirmations).last().asString().startsWith("Enable Subagent " + id);
        awaitFx("shown enabled", () -> subagent(agents).map(r -> !r.disabled()).orElse(false));
        system.addOrder("hello-enabled-again", "demo/hello", Optional.empty());
        awaitFx("an order runs on it again", () -> cockpit.live().row("hello-enabled-again")
                .map(r -> r.group() == StateGroup.FINISHED).orElse(false));
    }

    private static Optional<AgentRow> subagent(TableView<AgentRow> agents) {
        return agents.getItems().stream().filter(r -> r.kind() == AgentRow.Kind.SUBAGENT && r.agentPath().equals("agent")).findFirst();
    }

    private static AgentRow agent(TableView<AgentRow> agents) {
        return agents.getItems().stream().filter(r -> r.kind() == AgentRow.Kind.AGENT && r.id().equals("agent")).findFirst().orElseThrow();
    }
}
