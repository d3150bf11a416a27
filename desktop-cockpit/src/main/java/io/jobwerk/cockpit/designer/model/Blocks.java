package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Rebuilds the immutable instruction tree with one block replaced: every other block, instruction
 * and job stays the same value, so an edit shares everything it did not touch.
 */
final class Blocks {
    private Blocks() {}

    /** The workflow with the block at {@code branchPath} replaced by {@code change} of it. */
    static Workflow updateBlock(Workflow workflow, List<Position.Segment> branchPath, UnaryOperator<Block> change) {
        Block top = update(workflow.block(), branchPath, change);
        return new Workflow(workflow.id(), workflow.orderPreparation(), workflow.timeZone(), workflow.jobResourcePaths(),
                workflow.calendarPath(), top);
    }

    private static Block update(Block block, List<Position.Segment> path, UnaryOperator<Block> change) {
        if (path.isEmpty()) {
            return change.apply(block);
        }
        Position.Segment head = path.get(0);
        Instruction instruction = block.instructions().get(head.nr());
        Block inner = instruction.block(head.branchId())
                .orElseThrow(() -> new IllegalArgumentException("No block " + head.branchId() + " at " + head.nr()));
        Instruction changed = withBlock(instruction, head.branchId(), update(inner, path.subList(1, path.size()), change));
        return withInstruction(block, head.nr(), changed);
    }

    static Block withInstruction(Block block, int nr, Instruction instruction) {
        List<Instruction> list = new ArrayList<>(block.instructions());
        list.set(nr, instruction);
        return new Block(list, block.jobs(), block.result());
    }

    static Block withInstructions(Block block, List<Instruction> instructions) {
        return new Block(instructions, block.jobs(), block.result());
    }

    /** The instruction with its block of that branch replaced (the branch must exist). */
    static Instruction withBlock(Instruction i, BranchId branch, Block b) {
        return switch (i.kind()) {
            case IF -> {
                Instruction.If x = (Instruction.If) i;
                if (branch.equals(BranchId.ELSE)) {
                    yield new Instruction.If(x.label(), x.ifThens(), Optional.of(b));
                }
                int index = branch.thenIndex().orElseThrow(() -> new IllegalArgumentException("No If branch " + branch));
                List<Instruction.IfThen> thens = new ArrayList<>(x.ifThens());
                thens.set(index, new Instruction.IfThen(thens.get(index).predicate(), b));
                yield new Instruction.If(x.label(), thens, x.elseBlock());
            }
            case FORK -> {
                Instruction.Fork x = (Instruction.Fork) i;
                String id = branch.forkBranch().orElseThrow(() -> new IllegalArgumentException("No fork branch " + branch));
                yield new Instruction.Fork(x.label(), x.forkBranches().stream()
                        .map(f -> f.id().equals(id) ? new Instruction.ForkBranch(id, b) : f).toList(), x.agentPath(), x.joinIfFailed());
            }
            case FORK_LIST -> {
                Instruction.ForkList x = (Instruction.ForkList) i;
                yield new Instruction.ForkList(x.label(), x.children(), x.childToId(), x.childToArguments(), b, x.agentPath(), x.joinIfFailed());
            }
            case TRY -> {
                Instruction.Try x = (Instruction.Try) i;
                yield branch.isTry() ? new Instruction.Try(x.label(), b, x.catchBlock(), x.retryDelays(), x.maxTries())
                        : new Instruction.Try(x.label(), x.tryBlock(), b, x.retryDelays(), x.maxTries());
            }
            case LOCK -> {
                Instruction.Lock x = (Instruction.Lock) i;
                yield new Instruction.Lock(x.label(), x.demands(), b);
            }
            case CONSUME_NOTICES -> {
                Instruction.ConsumeNotices x = (Instruction.ConsumeNotices) i;
                yield new Instruction.ConsumeNotices(x.label(), x.boardPaths(), x.whenNotAnnounced(), b);
            }
            case CYCLE -> {
                Instruction.Cycle x = (Instruction.Cycle) i;
                yield new Instruction.Cycle(x.label(), x.schedule(), b, x.onlyOnePeriod());
            }
            case STICKY_SUBAGENT -> {
                Instruction.StickySubagent x = (Instruction.StickySubagent) i;
                yield new Instruction.StickySubagent(x.label(), x.agentPath(), x.subagentBundleIdExpr(), b);
            }
            case OPTIONS -> {
                Instruction.Options x = (Instruction.Options) i;
                yield new Instruction.Options(x.label(), x.stopOnFailure(), b);
            }
            case ADMISSION_TIME -> {
                Instruction.AdmissionTime x = (Instruction.AdmissionTime) i;
                yield new Instruction.AdmissionTime(x.label(), x.admissionTimeScheme(), x.skipIfNoAdmissionStartForOrderDay(), b);
            }
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS, RETRY, PROMPT, FINISH, FAIL, POST_NOTICES, EXPECT_NOTICES, BREAK,
                    ADD_ORDER, SLEEP, STOP, END, IMPLICIT_END ->
                    throw new IllegalArgumentException(i.kind() + " has no block " + branch);
        };
    }
}
