package io.jobwerk.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deployments that delete items: refused while something still uses the item, and unused versions go. */
class ItemOperationExecutorTest {

    private static final AgentPath A = new AgentPath("A");
    private static final AgentPath B = new AgentPath("B");
    private static final SubagentId A_DIRECTOR = new SubagentId("A-DIRECTOR");
    private static final SubagentId A_SECOND = new SubagentId("A-SECOND");
    private static final SubagentId B_DIRECTOR = new SubagentId("B-DIRECTOR");
    private static final LockPath LOCK = new LockPath("LOCK");
    private static final WorkflowId W1 = WorkflowId.of("W", "1");
    private static final WorkflowId W2 = WorkflowId.of("W", "2");

    private static Workflow onAgent(WorkflowId id, AgentPath agent) {
        return Workflow.of(id, List.of(new Instruction.ExecuteNamed(Optional.empty(), new JobName("JOB"), Map.of())),
                Map.of(new JobName("JOB"), WorkflowJob.of(agent, Executable.ShellScript.of("exit 0"))));
    }

    /** Agents A (two Subagents) and B, W~1 with a job on A, a lock LOCK used by the workflow OTHER~1. */
    private static EngineState deployed() {
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        for (Item item : List.of(new Item.AgentRef(A, List.of(A_DIRECTOR), Optional.empty(), false),
                new Item.SubagentItem(A_DIRECTOR, A, "http://a", false), new Item.SubagentItem(A_SECOND, A, "http://a2", false),
                new Item.AgentRef(B, List.of(B_DIRECTOR), Optional.empty(), false), new Item.SubagentItem(B_DIRECTOR, B, "http://b", false),
                new Item.LockItem(LOCK, 1))) {
            events.add(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(item)));
        }
        events.add(KeyedEvent.keyless(new ItemEvent.VersionAdded(new VersionId("1"))));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(onAgent(W1, A))));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(Workflow.of(WorkflowId.of("OTHER", "1"),
                new Instruction.Lock(Optional.empty(), List.of(new Instruction.LockDemand(LOCK, Optional.empty())), Block.EMPTY)))));
        return EngineState.EMPTY.applyEvents(events).orThrow();
    }

    /** An order of W~1 attached to A and processing on A-SECOND. */
    private static EngineState withOrderOnA() {
        return deployed().applyEvents(List.of(TestStates.added("ORDER", W1, Position.FIRST),
                KeyedEvent.of("ORDER", new OrderEvent.OrderAttachable(A)), KeyedEvent.of("ORDER", new OrderEvent.OrderAttached(A)),
                KeyedEvent.of("ORDER", new OrderEvent.OrderStarted()),
                KeyedEvent.of("ORDER", new OrderEvent.OrderProcessingStarted(A_SECOND, false)))).orThrow();
    }

    private static Checked<List<KeyedEvent<ItemEvent>>> execute(EngineState state, ItemOperation... operations) {
        return ItemOperationExecutor.execute(state, List.of(operations), signed -> Checked.fail(Problem.of("no signatures here")));
    }

    private static String message(Checked<?> checked) {
        assertThat(checked.problemOption()).as("a problem").isPresent();
        assertThat(checked.problemOption().get().code()).isEqualTo("ItemIsStillReferenced");
        return checked.problemOption().get().message();
    }

    private static List<ItemEvent> events(Checked<List<KeyedEvent<ItemEvent>>> checked) {
        return checked.orThrow().stream().map(KeyedEvent::event).toList();
    }

    @Test
    void agentRefStillUsedIsNotDeletedAndTheProblemNamesItsUsers() {
        String message = message(execute(withOrderOnA(), new ItemOperation.DeleteSimple("Agent:A")));

        assertThat(message).isEqualTo("Item operation 1 (DeleteSimple): Agent:A is still in use by Subagent:A-DIRECTOR, "
                + "Subagent:A-SECOND, Workflow:W~1, Order:ORDER (at the Agent)");
    }

    @Test
    void agentRefGoesTogetherWithEverythingUsingIt() {
        var checked = execute(deployed(), new ItemOperation.RemoveVersioned(new WorkflowPath("W")),
                new ItemOperation.DeleteSimple("Subagent:A-SECOND"), new ItemOperation.DeleteSimple("Subagent:A-DIRECTOR"),
                new ItemOperation.DeleteSimple("Agent:A"));

        assertThat(events(checked)).containsExactly(new ItemEvent.VersionedItemRemoved(new WorkflowPath("W")),
                new ItemEvent.ItemDeleted("Subagent:A-SECOND"), new ItemEvent.ItemDeleted("Subagent:A-DIRECTOR"),
                new ItemEvent.ItemDeleted("Agent:A"), new ItemEvent.ItemDeleted("Workflow:W~1"));
    }

    @Test
    void olderVersionAnOrderRunsOnKeepsItsAgent() {
        EngineState state = withOrderOnA();
        var redeployedToB = execute(state, new ItemOperation.AddVersion(new VersionId("2")),
                new ItemOperation.AddOrChangeSimple(onAgent(W2, B)));
        state = state.applyEvents(redeployedToB.orThrow()).orThrow();

        String message = message(execute(state, new ItemOperation.DeleteSimple("Subagent:A-SECOND"),
                new ItemOperation.DeleteSimple("Subagent:A-DIRECTOR"), new ItemOperation.DeleteSimple("Agent:A")));

        assertThat(message).contains("Subagent:A-SECOND is still in use by Order:ORDER (processing there)");
    }

    @Test
    void subagentAnOrderRunsOnIsNotDeleted() {
        String message = message(execute(withOrderOnA(), new ItemOperation.DeleteSimple("Subagent:A-SECOND")));

        assertThat(message).isEqualTo("Item operation 1 (DeleteSimple): Subagent:A-SECOND is still in use by Order:ORDER (processing there)");
    }

    @Test
    void lockAWorkflowDemandsIsNotDeleted() {
        assertThat(message(execute(deployed(), new ItemOperation.DeleteSimple("Lock:LOCK")))).endsWith("Lock:LOCK is still in use by Workflow:OTHER~1");
    }

    @Test
    void workflowPathAFileWatchFeedsIsNotRemoved() {
        EngineState state = deployed().applyEvent(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(new Item.FileWatch(
                new FileWatchPath("WATCH"), new WorkflowPath("W"), A, Expr.of("'/tmp'"), Optional.empty(), Optional.empty(),
                Duration.ZERO)))).orThrow();

        assertThat(message(execute(state, new ItemOperation.RemoveVersioned(new WorkflowPath("W")))))
                .endsWith("Workflow:W is still in use by FileWatch:WATCH");
    }

    private static Item planItem(String json) {
        return io.jobwerk.engine.json.ItemJson.decode(io.jobwerk.engine.json.EngineJson.parse(json).orThrow()).orThrow();
    }

    private static final String WORKDAYS = "{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"workdays\"}";
    private static final String HOLIDAYS = "{\"TYPE\":\"NonWorkingDaysCalendar\",\"path\":\"holidays\"}";
    private static final String NIGHTLY = """
            {"TYPE":"Schedule","path":"nightly","workflowNames":["W"],"nonWorkingDayCalendars":["holidays"],
             "calendars":[{"calendarName":"workdays","periods":[{"singleStart":"02:00"}]}]}""";

    private static String missing(Checked<?> checked) {
        assertThat(checked.problemOption()).as("a problem").isPresent();
        assertThat(checked.problemOption().get().code()).isEqualTo("MissingReference");
        return checked.problemOption().get().message();
    }

    @Test
    void aScheduleNeedsItsCalendarsAndWorkflows() {
        assertThat(missing(execute(deployed(), new ItemOperation.AddOrChangeSimple(planItem(NIGHTLY)))))
                .isEqualTo("Schedule 'nightly' refers to the unknown WorkingDaysCalendar 'workdays'");
        assertThat(missing(execute(deployed(), new ItemOperation.AddOrChangeSimple(planItem(WORKDAYS)),
                new ItemOperation.AddOrChangeSimple(planItem(NIGHTLY)))))
                .isEqualTo("Schedule 'nightly' refers to the unknown NonWorkingDaysCalendar 'holidays'");
        assertThat(missing(execute(deployed(), new ItemOperation.AddOrChangeSimple(planItem(WORKDAYS)),
                new ItemOperation.AddOrChangeSimple(planItem(HOLIDAYS)),
                new ItemOperation.AddOrChangeSimple(planItem(NIGHTLY.replace("[\"W\"]", "[\"NOWHERE\"]"))))))
                .isEqualTo("Schedule 'nightly' refers to the unknown Workflow 'NOWHERE'");
        assertThat(execute(deployed(), new ItemOperation.AddOrChangeSimple(planItem(WORKDAYS)),
                new ItemOperation.AddOrChangeSimple(planItem(HOLIDAYS)), new ItemOperation.AddOrChangeSimple(planItem(NIGHTLY))).isOk())
                .isTrue();
    }

    @Test
    void calendarsAndWorkflowsAScheduleUsesAreNotDeleted() {
        EngineState state = deployed().applyEvents(List.of(WORKDAYS, HOLIDAYS, NIGHTLY).stream()
                .map(j -> KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(planItem(j)))).toList()).orThrow();

        assertThat(message(execute(state, new ItemOperation.DeleteSimple("WorkingDaysCalendar:workdays"))))
                .endsWith("WorkingDaysCalendar:workdays is still in use by Schedule:nightly");
        assertThat(message(execute(state, new ItemOperation.DeleteSimple("NonWorkingDaysCalendar:holidays"))))
                .endsWith("NonWorkingDaysCalendar:holidays is still in use by Schedule:nightly");
        assertThat(message(execute(state, new ItemOperation.RemoveVersioned(new WorkflowPath("W")))))
                .endsWith("Workflow:W is still in use by Schedule:nightly");
        assertThat(execute(state, new ItemOperation.DeleteSimple("Schedule:nightly"),
                new ItemOperation.DeleteSimple("WorkingDaysCalendar:workdays")).isOk()).isTrue();
    }

    @Test
    void redeploymentDeletesTheSupersededVersionNoOrderUses() {
        var checked = execute(deployed(), new ItemOperation.AddVersion(new VersionId("2")), new ItemOperation.AddOrChangeSimple(onAgent(W2, A)));

        assertThat(events(checked)).containsExactly(new ItemEvent.VersionAdded(new VersionId("2")),
                new ItemEvent.VersionedItemChanged(onAgent(W2, A)), new ItemEvent.ItemDeleted("Workflow:W~1"));
    }

    @Test
    void redeploymentKeepsTheVersionAnOrderUses() {
        var checked = execute(withOrderOnA(), new ItemOperation.AddVersion(new VersionId("2")), new ItemOperation.AddOrChangeSimple(onAgent(W2, A)));

        assertThat(events(checked)).hasSize(2);
    }
}
