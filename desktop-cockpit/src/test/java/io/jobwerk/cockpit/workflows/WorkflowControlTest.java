package io.jobwerk.cockpit.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WorkflowControlTest {

    private static final String JOB = "{\"TYPE\":\"Execute.Anonymous\",\"job\":{\"agentPath\":\"A\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"exit 0\"}}}";

    private final List<Command> sent = new ArrayList<>();
    private final WorkflowControl control = new WorkflowControl(command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED));
    }, UiThread.direct());
    private final EngineState state = EngineStateJson.fromSnapshotObjects(List.of(
            "{\"TYPE\":\"AgentRef\",\"path\":\"A\",\"directors\":[\"A-1\"]}",
            "{\"TYPE\":\"SubagentItem\",\"id\":\"A-1\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:1\"}",
            "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[" + JOB.replace("{\"TYPE\":\"Execute.Anonymous\",", "{\"TYPE\":\"Execute.Anonymous\",\"label\":\"extract\",") + "," + JOB + "]}",
            "{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"}}")
            .stream().map(l -> EngineJson.parse(l).orThrow()).toList()).orThrow();
    private final Workflow workflow = state.currentWorkflow(new WorkflowPath("W")).orThrow();

    private WorkflowGraph.Node node(int nr) {
        return WorkflowGraphBuilder.of(workflow).nodes().stream().filter(n -> n.position().equals(Optional.of(Position.of(nr)))).findFirst().orElseThrow();
    }

    @Test
    void suspendsAndResumesTheWorkflowPathAfterAskingWithItsName() {
        control.show(Optional.of(workflow), state);
        assertThat(control.describeSuspend()).startsWith("Suspend workflow W?");
        control.toggleSuspend();
        assertThat(sent).containsExactly(new Command.ControlWorkflowPath(new WorkflowPath("W"), Optional.of(true), Map.of()));
    }

    @Test
    void onlyALabelledInstructionCanBeSkippedAndTheReasonSaysWhy() {
        control.show(Optional.of(workflow), state);
        assertThat(control.skipReasonProperty().get()).isEqualTo("Select an instruction in the graph");
        control.selectNode(Optional.of(node(1)));
        assertThat(control.skipReasonProperty().get()).startsWith("Only an instruction with a label can be skipped");
        assertThat(control.stopReasonProperty().get()).isEmpty();
        control.selectNode(Optional.of(node(0)));
        assertThat(control.skipReasonProperty().get()).isEmpty();
        control.toggleSkip();
        assertThat(sent).containsExactly(new Command.ControlWorkflowPath(new WorkflowPath("W"), Optional.empty(), Map.of(new Label("extract"), true)));
        assertThat(control.messageProperty().get()).isEqualTo("Orders skip extract");
    }

    @Test
    void stopsOrdersAtTheSelectedInstructionOfThisVersion() {
        control.show(Optional.of(workflow), state);
        control.selectNode(Optional.of(node(1)));
        control.toggleStop();
        assertThat(sent).containsExactly(new Command.ControlWorkflow(workflow.id(), Set.of(Position.of(1)), Set.of()));
    }

    @Test
    void aUserWithoutControlOrderMayNotSuspendSkipStopOrAddAndTheReasonSaysSo() {
        control.show(Optional.of(workflow), state);
        control.selectNode(Optional.of(node(0)));
        assertThat(control.suspendReasonProperty().get()).isEmpty();
        control.permit(new io.jobwerk.cockpit.connection.UserPermissions("viewer", Optional.of(java.util.Set.of(io.jobwerk.http.auth.Permission.ValidUser))));
        String reason = "needs permission ControlOrder; user viewer has ValidUser";
        assertThat(List.of(control.suspendReasonProperty().get(), control.addOrderReasonProperty().get(), control.skipReasonProperty().get(),
                control.stopReasonProperty().get())).containsOnly(reason);
        control.permit(io.jobwerk.cockpit.connection.UserPermissions.unknown("viewer"));
        assertThat(control.skipReasonProperty().get()).isEmpty();
    }

    @Test
    void transfersTheOrdersOfOlderVersionsToTheCurrentOne() {
        EngineState versions = EngineStateJson.fromSnapshotObjects(List.of(
                "{\"TYPE\":\"AgentRef\",\"path\":\"A\",\"directors\":[\"A-1\"]}",
                "{\"TYPE\":\"SubagentItem\",\"id\":\"A-1\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:1\"}",
                "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[" + JOB + "]}",
                "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"2\",\"instructions\":[" + JOB + "," + JOB + "]}",
                "{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"2\"}}",
                io.jobwerk.cockpit.live.Snapshots.order("old-1", 0, "{\"TYPE\":\"Fresh\"}"),
                io.jobwerk.cockpit.live.Snapshots.order("old-2", 0, "{\"TYPE\":\"Fresh\"}"),
                io.jobwerk.cockpit.live.Snapshots.order("new", 0, "{\"TYPE\":\"Fresh\"}").replace("\"versionId\":\"1\"", "\"versionId\":\"2\""))
                .stream().map(l -> EngineJson.parse(l).orThrow()).toList()).orThrow();
        Workflow current = versions.currentWorkflow(new WorkflowPath("W")).orThrow();
        control.show(Optional.of(current), versions);
        assertThat(control.transferReasonProperty().get()).isEmpty();
        assertThat(control.describeTransfer()).isEqualTo("Transfer 2 orders of W from version 1 to the current version 2? "
                + "Each goes on at the same position of the new version.");
        control.transferToCurrentVersion();
        assertThat(sent).containsExactly(new Command.TransferOrders(new io.jobwerk.engine.workflow.WorkflowId(new WorkflowPath("W"),
                new io.jobwerk.engine.workflow.VersionId("1"))));
    }

    @Test
    void nothingToTransferWhenEveryOrderRunsTheCurrentVersion() {
        control.show(Optional.of(workflow), state);
        assertThat(control.transferReasonProperty().get()).isEqualTo("No order runs an older version of W");
    }
}
