package io.jobwerk.engine.motor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The motor against generated workflows ({@link WorkflowShapes}) on a Controller and two Agents
 * ({@link LinkedEngines}), in virtual time. For each shape, at rest:
 * <ul>
 *   <li>every order has ended or waits in a state that says why (no order Ready, Processed or Broken),
 *       and has an obstacle ({@link OrderObstacleCalculator}) unless its parent joins it;
 *   <li>no Agent holds an order that ended there or whose parent is gone, and each order an Agent
 *       holds is the Controller's copy of it (the states agree);
 *   <li>every event fitted the lifecycle table on the node that emitted it (checked as they come);
 *   <li>each fork's parent joined once at most, and only after all its children were done;
 *   <li>replaying each node's journal from empty yields its state.
 * </ul>
 * A failure is shrunk by jqwik to a small workflow and printed as JSON with the events per order.
 */
class MotorPropertiesTest {

    @Provide
    Arbitrary<WorkflowShapes.Shape> shapes() {
        return WorkflowShapes.shapes();
    }

    /** What an operator does, after some steps, to one of the orders not yet ended (by index). */
    record Action(int stepsBefore, Operation operation, int target) {}

    enum Operation { CANCEL, CANCEL_KILL, SUSPEND, SUSPEND_KILL, RESUME, RESUME_AT_BLOCK_START, ANSWER_PROMPT, GO }

    @Provide
    Arbitrary<List<Action>> actions() {
        return net.jqwik.api.Combinators.combine(net.jqwik.api.Arbitraries.integers().between(0, 12),
                        net.jqwik.api.Arbitraries.of(Operation.class), net.jqwik.api.Arbitraries.integers().between(0, 5))
                .as(Action::new).list().ofMaxSize(4);
    }

    @Property(tries = 10_000)
    void everyShapeComesToRestConsistently(@ForAll("shapes") WorkflowShapes.Shape shape) {
        check(shape, List.of());
    }

    @Property(tries = 10_000)
    void operatorCommandsOnTheWayKeepItConsistent(@ForAll("shapes") WorkflowShapes.Shape shape, @ForAll("actions") List<Action> actions) {
        check(shape, actions);
    }

    /**
     * The JS7 corpus's generator ({@code shapes.WorkflowShapes}, the shapes the differential harness
     * records on JS7) at random seeds, and every systematic case once, under the same invariants; its
     * jobs end by their names ({@code fail…} fails, {@code values} returns a value).
     */
    @Property(tries = 2_000)
    void corpusShapesByRandomSeedComeToRestConsistently(@ForAll long seed) {
        checkCorpus(io.jobwerk.engine.shapes.WorkflowShapes.generate(seed));
    }

    /** The same for the corpus's two-Agent random shapes ({@code random2-SEED}). */
    @Property(tries = 1_000)
    void twoAgentCorpusShapesByRandomSeedComeToRestConsistently(@ForAll long seed) {
        checkCorpus(io.jobwerk.engine.shapes.WorkflowShapes.generateTwoAgents(seed));
    }

    @net.jqwik.api.Example
    void everySystematicCorpusShapeComesToRestConsistently() {
        io.jobwerk.engine.shapes.WorkflowShapes.systematic().forEach(MotorPropertiesTest::checkCorpus);
    }

    private static void checkCorpus(io.jobwerk.engine.shapes.Shape shape) {
        List<AgentPath> agents = shape.agents().stream().map(AgentPath::new).toList();
        LinkedEngines engines = new LinkedEngines(agents, MotorPropertiesTest::corpusOutcome);
        shape.decodedSimpleItems().forEach(engines::deploy);
        shape.decodedWorkflows().forEach(engines::deploy);
        for (io.jobwerk.engine.shapes.Shape.OrderSpec o : shape.orders()) {
            engines.addOrder(FreshOrder.of(o.orderId(LinkedEngines.START.toEpochMilli()), o.workflowPath()));
        }
        check(engines, () -> shape.name() + "\n" + shape.mainWorkflow(), List.of());
    }

    private static io.jobwerk.engine.outcome.Outcome corpusOutcome(String jobName) {
        if (jobName.contains("fail")) {
            return io.jobwerk.engine.outcome.Outcome.failed(1);
        }
        return jobName.equals("values")
                ? new io.jobwerk.engine.outcome.Outcome.Succeeded(Map.of("result", io.jobwerk.engine.value.Value.of("42"),
                        "returnCode", io.jobwerk.engine.value.Value.of(0)))
                : io.jobwerk.engine.outcome.Outcome.succeeded(0);
    }

    private static void check(WorkflowShapes.Shape shape, List<Action> actions) {
        Workflow workflow = shape.workflow();
        LinkedEngines engines = new LinkedEngines(List.of(WorkflowShapes.AGENT, WorkflowShapes.AGENT2), WorkflowShapes::outcome);
        engines.deploy(new Item.LockItem(WorkflowShapes.LOCK, 1));
        engines.deploy(new Item.GlobalBoard(WorkflowShapes.BOARD, Expr.of("'key'"), Expr.of("'key'"), Optional.empty()));
        engines.deploy(WorkflowShapes.workflow("ADDED", Block.of(Instruction.ExecuteNamed.of("ok"))));
        engines.deploy(workflow);
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE"));
        check(engines, shape::toString, actions);
    }

    /**
     * The context (shape, actions, events) is built only for a failure: built for every try, the
     * workflow's JSON and the events' descriptions took about half the test's time.
     */
    private static void check(LinkedEngines engines, Supplier<String> shape, List<Action> actions) {
        Supplier<String> before = () -> "\nworkflow: " + shape.get() + (actions.isEmpty() ? "" : "\nactions: " + actions);
        Supplier<String> context = () -> before.get() + "\nevents:\n" + engines.describe();
        try {
            for (Action action : actions) {
                if (!engines.run(action.stepsBefore())) {
                    engines.runToRest(Duration.ofHours(1), 20_000);
                }
                act(engines, action);
            }
            boolean rest = engines.runToRest(Duration.ofHours(1), 20_000);
            assertThat(rest).as(() -> "comes to rest" + context.get()).isTrue();
            checkEveryOrderEndedOrWaitsWithAReason(engines, context);
            checkAgentsHoldOnlyLiveOrdersTheControllerAgreesOn(engines, context);
            checkJoins(engines, context);
            checkReplay(engines, context);
        } catch (RuntimeException e) {
            throw new AssertionError(e + context.get(), e);
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains("workflow: ")) {
                throw e;
            }
            throw new AssertionError(e.getMessage() + context.get(), e);
        }
    }

    private static void act(LinkedEngines engines, Action action) {
        List<Order> live = engines.controller.orders().values().stream().filter(o -> !o.state().isTerminated())
                .sorted(java.util.Comparator.comparing(o -> o.id().string())).toList();
        if (live.isEmpty()) {
            return;
        }
        Order order = live.get(action.target() % live.size());
        OrderId id = order.id();
        io.jobwerk.engine.workflow.Position p = order.position();
        engines.operate(motor -> switch (action.operation()) {
            case CANCEL -> motor.cancel(id, new io.jobwerk.engine.order.CancellationMode.FreshOrStarted(Optional.empty()));
            case CANCEL_KILL -> motor.cancel(id, io.jobwerk.engine.order.CancellationMode.kill(false));
            case SUSPEND -> motor.suspend(id, io.jobwerk.engine.order.SuspensionMode.STANDARD);
            case SUSPEND_KILL -> motor.suspend(id, new io.jobwerk.engine.order.SuspensionMode(false,
                    Optional.of(new io.jobwerk.engine.order.CancellationMode.Kill(false, Optional.empty()))));
            case RESUME -> motor.resume(id, Optional.empty(), List.of(), false, false);
            case RESUME_AT_BLOCK_START -> motor.resume(id, Optional.of(new io.jobwerk.engine.workflow.Position(p.branchPath(), 0)),
                    List.of(), false, false);
            case ANSWER_PROMPT -> motor.answerPrompt(id);
            case GO -> motor.go(id, p);
        });
    }

    private static void checkEveryOrderEndedOrWaitsWithAReason(LinkedEngines engines, Supplier<String> context) {
        for (Order order : engines.controller.orders().values()) {
            if (order.state().isTerminated()) {
                assertThat(order.attachedState()).as(() -> order.id() + " ended but is attached" + context.get()).isEmpty();
                continue;
            }
            boolean waitsForItsChildren = order.state() instanceof OrderState.Forked;
            boolean waitsForItsSiblings = order.isState(OrderState.Kind.READY) && order.parent().isPresent()
                    && order.position().lastBranchId().map(b -> b.isFork()).orElse(false)
                    && MotorContext.isEnd(engines.controller.workflowOf(order).orThrow(), order.position());
            assertThat(LinkedEngines.isWaitingWithReason(order) || waitsForItsChildren || waitsForItsSiblings)
                    .as(() -> order.id() + " rests in " + order.state().kind() + " at " + order.position() + context.get()).isTrue();
            boolean joinedByItsParent = waitsForItsSiblings || order.isState(OrderState.Kind.FAILED_IN_FORK);
            assertThat(joinedByItsParent || !new OrderObstacleCalculator(engines.controller, engines.now).obstacles(order).isEmpty())
                    .as(() -> order.id() + " rests in " + order.state().kind() + " without an obstacle" + context.get()).isTrue();
            assertThat(order.attachedState().filter(a -> !(a instanceof io.jobwerk.engine.order.AttachedState.Attached)))
                    .as(() -> order.id() + " rests while attaching or detaching" + context.get()).isEmpty();
        }
    }

    private static void checkAgentsHoldOnlyLiveOrdersTheControllerAgreesOn(LinkedEngines engines, Supplier<String> context) {
        for (Map.Entry<AgentPath, EngineState> agent : engines.agents.entrySet()) {
            for (Order there : agent.getValue().orders().values()) {
                Order here = engines.controller.orders().get(there.id());
                assertThat(here).as(() -> there.id() + " is at " + agent.getKey() + " but not at the Controller" + context.get()).isNotNull();
                assertThat(there.state().isTerminated()).as(() -> there.id() + " ended at " + agent.getKey() + context.get()).isFalse();
                assertThat(LinkedEngines.isAttachedTo(here, agent.getKey()))
                        .as(() -> there.id() + " is at " + agent.getKey() + " but the Controller has it " + here.attachedState() + context.get()).isTrue();
                assertThat(there).as(() -> there.id() + ": Agent and Controller disagree" + context.get()).isEqualTo(here);
                there.parent().ifPresent(parent -> assertThat(engines.controller.orders().get(parent))
                        .as(() -> there.id() + " at " + agent.getKey() + " whose parent is gone" + context.get()).isNotNull());
            }
        }
    }

    private static void checkJoins(LinkedEngines engines, Supplier<String> context) {
        Map<String, Integer> open = new HashMap<>();
        for (KeyedEvent<? extends Event> e : engines.controllerJournal) {
            if (e.key().isEmpty()) {
                continue;
            }
            if (e.event() instanceof OrderEvent.OrderForked) {
                open.merge(e.key().get(), 1, Integer::sum);
            } else if (e.event() instanceof OrderEvent.OrderJoined) {
                int n = open.merge(e.key().get(), -1, Integer::sum);
                assertThat(n).as(() -> e.key().get() + " joined more often than it forked" + context.get()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static void checkReplay(LinkedEngines engines, Supplier<String> context) {
        EngineState controller = EngineState.EMPTY;
        for (KeyedEvent<? extends Event> e : engines.controllerJournal) {
            controller = controller.applyEvent(e).orThrow();
        }
        assertThat(controller).as(() -> "the Controller's journal replayed" + context.get()).isEqualTo(engines.controller);
        for (Map.Entry<AgentPath, List<KeyedEvent<? extends Event>>> journal : engines.agentJournals.entrySet()) {
            EngineState agent = EngineState.EMPTY;
            for (KeyedEvent<? extends Event> e : journal.getValue()) {
                agent = LinkedEngines.foldAtAgent(agent, e);
            }
            assertThat(agent).as(() -> journal.getKey() + "'s journal replayed" + context.get()).isEqualTo(engines.agents.get(journal.getKey()));
        }
    }

    static OrderId id(String s) {
        return new OrderId(s);
    }
}
