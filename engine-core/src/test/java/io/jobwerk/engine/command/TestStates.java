package io.jobwerk.engine.command;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.OrderPreparation.ListType;
import io.jobwerk.engine.workflow.OrderPreparation.ObjectType;
import io.jobwerk.engine.workflow.OrderPreparation.Parameter;
import io.jobwerk.engine.workflow.OrderPreparation.Simple;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Workflows, items and orders the command tests decide on, built by applying events to {@link EngineState#EMPTY}. */
final class TestStates {
    private TestStates() {}

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    /**
     * {@code W~v1}: [0] Prompt "PROMPT", [1] If (then: [0] Prompt "INNER"; else: End), [2] Try (try: Prompt;
     * catch: nothing), [3] Fork (branch A: Prompt), [4] End "END"; with typed order parameters.
     */
    static final WorkflowId W1 = WorkflowId.of("W", "v1");
    /** {@code OPEN~1}: no parameters but {@code allowUndeclared}. */
    static final WorkflowId OPEN1 = WorkflowId.of("OPEN", "1");
    /** {@code T~1} (five prompts) with its successor {@code T~2} (a prompt and an End), the current version. */
    static final WorkflowId T1 = WorkflowId.of("T", "1");
    static final WorkflowId T2 = WorkflowId.of("T", "2");

    static final BoardPath BOARD = new BoardPath("BOARD");
    static final AgentPath AGENT = new AgentPath("AGENT");
    static final SubagentId SUBAGENT = new SubagentId("SUBAGENT");

    static Instruction prompt(String label) {
        return new Instruction.Prompt(Optional.ofNullable(label).map(Label::new), Expr.of("'?'"));
    }

    static Workflow w1() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put("myRequired", new Parameter(Optional.of(Simple.String), Optional.empty(), Optional.empty()));
        parameters.put("myNumber", new Parameter(Optional.of(Simple.Number), Optional.of(Expr.of("7")), Optional.empty()));
        parameters.put("myFinal", new Parameter(Optional.empty(), Optional.empty(), Optional.of(Expr.of("'FINAL'"))));
        parameters.put("list", new Parameter(Optional.of(new ListType(Simple.Number)), Optional.of(Expr.of("[]")), Optional.empty()));
        parameters.put("obj", new Parameter(Optional.of(new ObjectType(Map.of("a", Simple.Boolean, "b", new ListType(Simple.String)))),
                Optional.of(Expr.of("{a: true, b: []}")), Optional.empty()));
        List<Instruction> instructions = List.of(
                prompt("PROMPT"),
                new Instruction.If(Optional.empty(), List.of(new Instruction.IfThen(Expr.of("true"), Block.of(prompt("INNER")))),
                        Optional.of(Block.of(new Instruction.End(Optional.empty())))),
                new Instruction.Try(Optional.empty(), Block.of(prompt(null)), Block.EMPTY, Optional.empty(), Optional.empty()),
                new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("A", Block.of(prompt(null)))),
                        Optional.empty(), false),
                new Instruction.End(Optional.of(new Label("END"))));
        Workflow plain = Workflow.of(W1, instructions, Map.of());
        return new Workflow(W1, new OrderPreparation(parameters, false), plain.timeZone(), List.of(), Optional.empty(), plain.block());
    }

    static Workflow open1() {
        Workflow plain = Workflow.of(OPEN1, prompt(null));
        return new Workflow(OPEN1, new OrderPreparation(Map.of(), true), plain.timeZone(), List.of(), Optional.empty(), plain.block());
    }

    static Workflow t(WorkflowId id, int prompts) {
        List<Instruction> instructions = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            instructions.add(prompt(null));
        }
        return Workflow.of(id, instructions, Map.of());
    }

    /** The arguments a valid order of {@code W} needs. */
    static Map<String, Value> validArguments() {
        return Map.of("myRequired", Value.of("STRING"));
    }

    /**
     * Workflows, a board with notice {@code KEY}, an Agent with its Subagent, and orders: {@code EXISTING}
     * (fresh on W), {@code FINISHED} (finished on W), {@code P} forked at [3] with child {@code P|A},
     * {@code T-AT0}, {@code T-AT3}, {@code T-FINISHED} on {@code T~1}.
     */
    static EngineState state() {
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        events.add(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(
                new Item.AgentRef(AGENT, List.of(SUBAGENT), Optional.empty(), false))));
        events.add(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(new Item.SubagentItem(SUBAGENT, AGENT, "http://localhost", false))));
        events.add(KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(
                new Item.GlobalBoard(BOARD, Expr.of("'KEY'"), Expr.of("'KEY'"), Optional.empty()))));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionAdded(new VersionId("v1"))));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(w1())));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(open1())));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(t(T1, 5))));
        events.add(added("EXISTING", W1, Position.FIRST));
        events.add(added("FINISHED", W1, Position.FIRST));
        events.add(KeyedEvent.of("FINISHED", new OrderEvent.OrderFinished(Optional.empty())));
        events.add(added("P", W1, Position.of(3)));
        events.add(KeyedEvent.of("P", new OrderEvent.OrderStarted()));
        events.add(KeyedEvent.of("P", new OrderEvent.OrderForked(
                List.of(new OrderEvent.ForkedChild(new OrderId("P|A"), Optional.of("A"), Map.of())))));
        events.add(added("T-AT0", T1, Position.of(0)));
        events.add(added("T-AT3", T1, Position.of(3)));
        events.add(added("T-FINISHED", T1, Position.of(4)));
        events.add(KeyedEvent.of("T-FINISHED", new OrderEvent.OrderFinished(Optional.empty())));
        events.add(KeyedEvent.keyless(new ItemEvent.VersionedItemChanged(
                Workflow.of(T2, prompt(null), new Instruction.End(Optional.empty())))));
        events.add(KeyedEvent.of(BOARD, new io.jobwerk.engine.board.NoticeEvent.NoticePosted(
                new io.jobwerk.engine.board.Notice(new io.jobwerk.engine.board.NoticeId(BOARD, "KEY"), Optional.empty()))));
        return EngineState.EMPTY.applyEvents(events).orThrow();
    }

    /** An {@code OrderAdded} as AddOrder emits it for a plain fresh order (no arguments checked). */
    static KeyedEvent<OrderEvent.OrderAdded> added(String orderId, WorkflowId workflowId, Position start) {
        FreshOrder fresh = FreshOrder.of(orderId, workflowId.path().string());
        return KeyedEvent.of(orderId, new OrderEvent.OrderAdded(workflowId, Map.of(), Optional.empty(), fresh.planId(),
                Optional.empty(), false, false, Optional.empty(),
                start.equals(Position.FIRST) ? Optional.empty() : Optional.of(start), List.of(), fresh.priority()));
    }
}
