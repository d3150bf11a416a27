package io.jobwerk.engine.workflow;

import io.jobwerk.engine.value.expression.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A nested list of instructions (then, else, try, a fork branch, a locked block …), with jobs
 * declared locally and, for fork branches, a {@code result} returned to the parent order.
 * Every block ends with an implicit end at position {@code instructions.size()}.
 */
public record Block(List<Instruction> instructions, Map<JobName, io.jobwerk.engine.job.WorkflowJob> jobs,
                    Optional<Map<String, Expr>> result) {

    public static final Block EMPTY = new Block(List.of(), Map.of(), Optional.empty());

    public Block {
        instructions = List.copyOf(instructions);
        jobs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        Objects.requireNonNull(result, "result");
        result = result.map(r -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r)));
    }

    public static Block of(Instruction... instructions) {
        return new Block(List.of(instructions), Map.of(), Optional.empty());
    }

    /** The instruction at {@code nr}; {@link Instruction.ImplicitEnd} at and beyond the end. */
    public Instruction instruction(int nr) {
        return nr < instructions.size() ? instructions.get(nr) : Instruction.ImplicitEnd.INSTANCE;
    }
}
