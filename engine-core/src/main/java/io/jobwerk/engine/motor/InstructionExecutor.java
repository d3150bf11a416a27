package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * The events of the instruction a Ready order is at, by the instruction's kind: the executor of each
 * instruction family ({@link ForkExecutor}, {@link LockExecutor}, {@link NoticeExecutor},
 * {@link CycleExecutor}, {@link RetryExecutor}, {@link EndExecutor} …), and the small ones here (a
 * job, If, Prompt, Fail, Sleep, Stop). The moves the events lead to are not looked ahead here (see
 * {@link Anticipation}).
 */
final class InstructionExecutor {
    private InstructionExecutor() {}

    /** The events of the instruction the Ready order is at (without the moves they lead to). */
    static List<OrderEvent> execute(Step step, Instruction instruction) {
        Order order = step.order();
        Workflow workflow = step.workflow();
        Position p = step.position();
        switch (instruction.kind()) {
            case EXECUTE_NAMED:
            case EXECUTE_ANONYMOUS:
                return attachToTheJobsAgent(step);
            case IF:
                return step.orFail(step.mover().ifBranch(order, workflow, p, (Instruction.If) instruction).map(b -> step.moveOn(p)));
            case TRY:
            case OPTIONS:
                return step.moveOn(p);
            case FORK:
                return ForkExecutor.fork(step, (Instruction.Fork) instruction);
            case FORK_LIST:
                return ForkExecutor.forkList(step, (Instruction.ForkList) instruction);
            case RETRY:
                return RetryExecutor.retry(step);
            case LOCK:
                return LockExecutor.acquireOrQueue(step, (Instruction.Lock) instruction);
            case PROMPT:
                return step.orFail(((Instruction.Prompt) instruction).question().evaluate(step.scope())
                        .map(q -> List.of(new OrderEvent.OrderPrompted(q))));
            case FINISH:
                return EndExecutor.finish(step, ((Instruction.Finish) instruction).outcome());
            case FAIL:
                return fail(step, (Instruction.Fail) instruction);
            case POST_NOTICES:
                return NoticeExecutor.post(step, (Instruction.PostNotices) instruction);
            case EXPECT_NOTICES:
                return NoticeExecutor.expect(step, (Instruction.ExpectNotices) instruction);
            case CONSUME_NOTICES:
                return NoticeExecutor.consume(step, (Instruction.ConsumeNotices) instruction);
            case CYCLE:
                return CycleExecutor.prepare(step, (Instruction.Cycle) instruction);
            case BREAK:
                return CycleExecutor.breakCycle(step);
            case ADD_ORDER:
                return step.orFail(AddOrderExecutor.addOrder(step, (Instruction.AddOrder) instruction));
            case STICKY_SUBAGENT:
                return StickySubagentExecutor.enter(step, (Instruction.StickySubagent) instruction);
            case SLEEP:
                return step.orFail(sleep(step, (Instruction.Sleep) instruction));
            case ADMISSION_TIME:
                return AdmissionTimeExecutor.execute(step, (Instruction.AdmissionTime) instruction);
            case STOP:
                return List.of(new OrderEvent.OrderStopped());
            case END:
            case IMPLICIT_END:
                return EndExecutor.blockEnd(step);
        }
        throw new AssertionError(instruction.kind());
    }

    /** A Ready order at a job waits for the job runner; the Controller first attaches it to the job's Agent. */
    private static List<OrderEvent> attachToTheJobsAgent(Step step) {
        if (step.ctx().placement() instanceof Placement.Controller) {
            Optional<AgentPath> agent = step.workflow().job(step.position()).toOptional().map(WorkflowJob::agentPath);
            if (agent.isPresent() && step.order().attachedState().isEmpty()) {
                return List.of(new OrderEvent.OrderAttachable(agent.get()));
            }
        }
        return List.of();
    }

    private static List<OrderEvent> fail(Step step, Instruction.Fail fail) {
        Checked<Optional<String>> message = fail.message().isEmpty() ? Checked.ok(Optional.empty())
                : fail.message().get().evaluate(step.scope()).flatMap(ValueConversions::convertToString).map(Optional::of);
        if (message.isFail()) {
            return step.failWith(message.problemOption().orElseThrow());
        }
        return step.failWith(new Outcome.Failed(message.orThrow(), fail.namedValues(), fail.uncatchable()));
    }

    private static Checked<List<OrderEvent>> sleep(Step step, Instruction.Sleep sleep) {
        return sleep.duration().evaluate(step.scope()).flatMap(ValueConversions::asNumber).map(seconds -> {
            long millis = seconds.movePointRight(3).longValue();
            return millis <= 0 ? step.moveOn() : List.of(new OrderEvent.OrderSleeping(step.ctx().now().plusMillis(millis)));
        });
    }
}
