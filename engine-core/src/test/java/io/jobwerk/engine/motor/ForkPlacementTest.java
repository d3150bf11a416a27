package io.jobwerk.engine.motor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where a fork without {@code agentPath} is forked, on a Controller and its Agents (as JS7's
 * recordings {@code fork-placement-*}, {@code random-350} and {@code random-396} in conformance/).
 */
class ForkPlacementTest {

    private final LinkedEngines engines = new LinkedEngines(List.of(WorkflowShapes.AGENT, WorkflowShapes.AGENT2), WorkflowShapes::outcome);

    /** The Controller's events of the order ORDER, as {@link LinkedEngines#describe} writes them. */
    private String run(Instruction... instructions) {
        engines.deploy(new Item.LockItem(WorkflowShapes.LOCK, 1));
        engines.deploy(WorkflowShapes.workflow("SHAPE", Block.of(instructions)));
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE"));
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
        String described = engines.describe();
        return described.lines().filter(l -> l.startsWith("  ORDER: ")).findFirst().orElseThrow();
    }

    private static Instruction.ExecuteNamed job(String name) {
        return Instruction.ExecuteNamed.of(name);
    }

    private static Instruction.ForkList forkList(String children, Instruction... body) {
        return new Instruction.ForkList(Optional.empty(), Expr.of(children), Expr.of("(x) => $x"), Optional.empty(),
                Block.of(body), Optional.empty(), false);
    }

    private static Instruction prompt() {
        return new Instruction.Prompt(Optional.empty(), Expr.of("'?'"));
    }

    @Test
    void twoChildrenStartingAtTheControllerAreForkedAtTheAgent() {
        String events = run(job("ok"), forkList("['a', 'b']", prompt(), job("ok")));
        assertThat(events).containsSubsequence("OrderMoved", "OrderForked", "OrderDetachable");
    }

    @Test
    void threeChildrenStartingAtTheControllerAreForkedThere() {
        String events = run(job("ok"), forkList("['a', 'b', 'c']", prompt(), job("ok")));
        assertThat(events).containsSubsequence("OrderMoved", "OrderDetachable", "OrderDetached", "OrderForked");
    }

    @Test
    void aParentAtTheControllerIsAttachedWhereItsThreeChildrenStart() {
        String events = run(forkList("['a', 'b', 'c']", job("ok")));
        assertThat(events).containsSubsequence("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted", "OrderForked",
                "OrderDetachable");
    }

    @Test
    void aParentAtTheControllerWithTwoChildrenForksThere() {
        String events = run(forkList("['a', 'b']", job("ok")));
        assertThat(events).containsSubsequence("OrderAdded", "OrderStarted", "OrderForked").doesNotContain("OrderAttachable");
    }

    @Test
    void aForkWithoutAJobOfTheAgentInsideIsLeftToTheController() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("A", Block.of(prompt())),
                new Instruction.ForkBranch("B", Block.of(prompt()))), Optional.empty(), false);
        String events = run(job("ok"), fork);
        assertThat(events).containsSubsequence("OrderMoved", "OrderDetachable", "OrderDetached", "OrderForked");
    }
}
