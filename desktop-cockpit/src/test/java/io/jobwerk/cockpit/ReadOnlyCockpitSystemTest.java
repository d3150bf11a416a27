package io.jobwerk.cockpit;

import static io.jobwerk.cockpit.FxWait.onFx;
import static io.jobwerk.cockpit.FxWait.awaitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.http.auth.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Cockpit of a user that may only look, against a real standalone Controller + Agent: it learns
 * the user's permissions from the Controller and disables what the Controller would refuse, the
 * reason as a tooltip.
 */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyCockpitSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REASON = "needs permission ControlOrder; user viewer has ValidUser";

    @RegisterExtension
    static final DemoSystemExtension demo = DemoSystemExtension.withOrders();
    static DemoSystem system; // set by demo

    private Cockpit cockpit;

    @Start
    void start(Stage stage) {
        cockpit = demo.connect(DemoSystem.VIEWER, DemoSystem.VIEWER_PASSWORD, conf -> new Cockpit(conf, Clock.systemUTC(),
                ZoneId.of("Europe/Berlin"), question -> {
                    throw new AssertionError("A read-only user was asked: " + question);
                }));
        cockpit.show(stage);
    }

    @Test
    void aReadOnlyUserSeesEveryOrderWorkflowAndDeployActionDisabledWithTheReason(FxRobot robot) throws Exception {
        awaitFx("connected with the viewer's permissions and a prompting order", () -> cockpit.live().connectionProperty().get().isConnected()
                && cockpit.live().permissionsProperty().get().granted().equals(Optional.of(Set.of(Permission.ValidUser)))
                && cockpit.live().countsProperty().get().count(StateGroup.PROMPTING) == 1
                && cockpit.live().countsProperty().get().count(StateGroup.SUSPENDED) == 1);

        robot.interact(() -> cockpit.viewModel().show(Page.ORDERS));
        TableView<OrderRow> table = robot.lookup("#orders").queryTableView();
        awaitFx("all orders listed", () -> table.getItems().size() == cockpit.live().orders().size());
        robot.interact(() -> table.getSelectionModel().selectAll());
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#suspendOrders", "#suspendAndKill", "#resumeOrders", "#resumeAsSucceeded", "#goOrders", "#answerPrompt",
                "#cancelOrders", "#cancelAndKill", "#deleteOrders"}) {
            Button button = robot.lookup(id).queryButton();
            assertThat(button.isDisabled()).as(id).isTrue();
            assertThat(reasonOf(button)).as(id).isEqualTo(REASON);
        }

        robot.interact(() -> {
            cockpit.viewModel().show(Page.WORKFLOWS);
            cockpit.viewModel().workflows().select("ops/approve");
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#workflowSuspend", "#workflowAddOrder", "#instructionSkip", "#instructionStop", "#workflowTransfer"}) {
            Button button = robot.lookup(id).queryButton();
            assertThat(button.isDisabled()).as(id).isTrue();
            assertThat(reasonOf(button)).as(id).isEqualTo(REASON);
        }
        // Resetting an Agent needs Super.
        robot.interact(() -> cockpit.viewModel().show(Page.AGENTS));
        TableView<io.jobwerk.cockpit.live.AgentRow> agents = robot.lookup("#agents").queryTableView();
        robot.interact(() -> agents.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#resetAgent", "#forceResetAgent", "#resetSubagent"}) {
            Button button = robot.lookup(id).queryButton();
            assertThat(button.isDisabled()).as(id).isTrue();
            assertThat(reasonOf(button)).as(id).isEqualTo("needs permission Super; user viewer has ValidUser");
        }
        // Enabling or disabling a Subagent changes its item: UpdateItem.
        robot.interact(() -> agents.getSelectionModel().select(agents.getItems().stream()
                .filter(r -> r.kind() == io.jobwerk.cockpit.live.AgentRow.Kind.SUBAGENT).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        Button toggle = robot.lookup("#toggleSubagent").queryButton();
        assertThat(toggle.isDisabled()).isTrue();
        assertThat(reasonOf(toggle)).isEqualTo("needs permission UpdateItem; user viewer has ValidUser");
        // Notice boards need ControlOrder.
        robot.interact(() -> cockpit.viewModel().show(Page.BOARDS));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#postNotice", "#deleteNotice"}) {
            Button button = robot.lookup(id).queryButton();
            assertThat(button.isDisabled()).as(id).isTrue();
            assertThat(reasonOf(button)).as(id).isEqualTo(REASON);
        }
        // Deploy and revoke (the inventory's deploy dialog) need UpdateItem at the chosen Controller.
        assertThat(onFx(() -> cockpit.viewModel().deploy().refusalProperty().get())).isEqualTo("needs permission UpdateItem; user viewer has ValidUser");
    }

    /** The tooltip of the wrapper a disabled control sits in (it shows none itself). */
    private static String reasonOf(Node control) {
        Object tooltip = control.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tooltip instanceof Tooltip t ? t.getText() : "";
    }
}
