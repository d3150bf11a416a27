package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Fork or ForkList that names no Agent forks, as JS7 2.9 (recorded: the {@code random-350}
 * and {@code random-396} cases, the {@code fork-3} shapes): the children are tried out and where each
 * goes first is predicted — after its pure moves, the Agent of the job it is at, the Agent a Fork
 * there names, else the Controller. When they all go to one place:
 * <ul>
 * <li>a parent at an Agent forks there if that place is this Agent, and also if it is the Controller
 *     while there are fewer than three children; otherwise it goes to the Controller first;
 * <li>a parent at the Controller goes to that Agent first if there are three children or more.
 * </ul>
 * Children going to different places are forked by the Controller. An Agent predicts on the
 * workflow as it sees it: another Agent's job is a gap there, so a child starting with one counts as
 * going to the Controller ({@code random2-418}). (An Agent never forks a Fork without a job of its own
 * inside: {@link DetachRules#needsController}.)
 */
final class ForkPlacement {
    private ForkPlacement() {}

    /** Three children or more are worth moving the parent for, when all of them start in one place. */
    static final int CHILDREN_WORTH_MOVING_FOR = 3;

    /** The fork's events as they are, or the parent's move to where its children start instead. */
    static List<OrderEvent> place(Step step, List<OrderEvent> events) {
        // the fork's events: OrderForked, after OrderStarted for a fresh order (which moves unstarted)
        boolean fork = events.size() == 1 || events.size() == 2 && events.get(0) instanceof OrderEvent.OrderStarted;
        if (!fork || !(events.get(events.size() - 1) instanceof OrderEvent.OrderForked forked) || !forksWithoutAgent(step)) {
            return events;
        }
        Order parent = step.order();
        Optional<AttachedState> attached = parent.attachedState();
        boolean atAgent = attached.filter(a -> a instanceof AttachedState.Attached).isPresent();
        if (!(atAgent || attached.isEmpty()) || step.ctx().placement() instanceof Placement.Standalone) {
            return events;
        }
        Optional<Optional<AgentPath>> where = childrensFirstPlace(step, events);
        if (where.isEmpty()) {
            return atAgent ? List.of(new OrderEvent.OrderDetachable()) : events; // to different places
        }
        boolean enoughChildren = forked.children().size() >= CHILDREN_WORTH_MOVING_FOR;
        Optional<AgentPath> place = where.get();
        if (atAgent) {
            AgentPath here = ((AttachedState.Attached) attached.get()).agentPath();
            boolean leaves = place.map(agent -> !agent.equals(here)).orElse(enoughChildren);
            return leaves ? List.of(new OrderEvent.OrderDetachable()) : events;
        }
        return place.isPresent() && enoughChildren ? List.of(new OrderEvent.OrderAttachable(place.get())) : events;
    }

    /**
     * A fresh order at the Controller at such a fork: {@code OrderAttachable} instead of its start when
     * its children would all start at one Agent and are three or more (as JS7: it is started there).
     */
    static Optional<OrderEvent> attachingFresh(Step step, Instruction instruction) {
        if (!(step.ctx().placement() instanceof Placement.Controller) || !forksWithoutAgent(step)) {
            return Optional.empty();
        }
        Checked<EngineState> started = step.ctx().state().applyEvent(MotorContext.keyed(step.order().id(), new OrderEvent.OrderStarted()));
        if (started.isFail()) {
            return Optional.empty();
        }
        MotorContext ctx = step.ctx().withState(started.orThrow());
        Step startedStep = new Step(ctx, new Mover(ctx), started.orThrow().orders().get(step.order().id()), step.workflow());
        List<OrderEvent> placed = place(startedStep, InstructionExecutor.execute(startedStep, instruction));
        return placed.size() == 1 && placed.get(0) instanceof OrderEvent.OrderAttachable ? Optional.of(placed.get(0)) : Optional.empty();
    }

    /**
     * Where all children go first: an Agent, or the Controller (empty); empty outside when they go to
     * different places (or their moves cannot be predicted: the fork's own check fails it then).
     */
    private static Optional<Optional<AgentPath>> childrensFirstPlace(Step step, List<OrderEvent> events) {
        Checked<EngineState> next = step.ctx().state().applyEvents(events.stream().map(e -> MotorContext.keyed(step.order().id(), e)).toList());
        if (next.isFail()) {
            return Optional.empty();
        }
        EngineState state = next.orThrow();
        Mover mover = new Mover(step.ctx().withState(state));
        Set<Optional<AgentPath>> places = new HashSet<>();
        for (Order child : state.children(state.orders().get(step.order().id()))) {
            Checked<Position> first = mover.anticipate(child, step.workflow());
            if (first.isFail()) {
                return Optional.empty();
            }
            Optional<AgentPath> place = placeOf(step.workflow(), first.orThrow());
            if (step.ctx().placement() instanceof Placement.Agent agent) {
                // An Agent sees another Agent's jobs as gaps (JS7's reduceForAgent): such a child goes to the Controller.
                place = place.filter(agent.agentPath()::equals);
            }
            places.add(place);
        }
        return places.size() == 1 ? Optional.of(places.iterator().next()) : Optional.empty();
    }

    /** JS7's {@code Workflow.agentPath(position)}: a job's Agent, the Agent a fork names, else none. */
    private static Optional<AgentPath> placeOf(Workflow workflow, Position position) {
        Instruction instruction = workflow.instruction(position).toOptional().orElse(null);
        if (instruction == null) {
            return Optional.empty();
        }
        return switch (instruction.kind()) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> workflow.job(position).toOptional().map(job -> job.agentPath());
            case FORK -> ((Instruction.Fork) instruction).agentPath();
            case FORK_LIST -> ((Instruction.ForkList) instruction).agentPath();
            default -> Optional.empty();
        };
    }

    private static boolean forksWithoutAgent(Step step) {
        return step.workflow().instruction(step.position()).toOptional().filter(ForkPlacement::isForkWithoutAgent).isPresent();
    }

    /** A Fork or ForkList that names no Agent: where it forks is decided as this class says. */
    static boolean isForkWithoutAgent(Instruction instruction) {
        return instruction instanceof Instruction.Fork f ? f.agentPath().isEmpty()
                : instruction instanceof Instruction.ForkList fl && fl.agentPath().isEmpty();
    }
}
