package io.jobwerk.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.expression.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowTest {

    private static final WorkflowId ID = WorkflowId.of("WORKFLOW", "1");
    private static final AgentPath AGENT = new AgentPath("AGENT");
    private static final WorkflowJob OUTER_A = WorkflowJob.of(AGENT, Executable.ShellScript.of("echo outer A"));
    private static final WorkflowJob INNER_A = WorkflowJob.of(AGENT, Executable.ShellScript.of("echo inner A"));
    private static final WorkflowJob ANONYMOUS = WorkflowJob.of(AGENT, Executable.ShellScript.of("echo anonymous"));

    private static Instruction.ExecuteNamed execute(String job) {
        return Instruction.ExecuteNamed.of(job);
    }

    private static Instruction.ExecuteNamed execute(String job, String label) {
        return new Instruction.ExecuteNamed(Optional.of(new Label(label)), new JobName(job), Map.of());
    }

    private static Block block(Instruction... instructions) {
        return Block.of(instructions);
    }

    /**
     * <pre>
     * 0 START: execute A
     * 1 if (true) { [jobs A = inner] THEN: execute A } else { execute A }
     * 2 try { execute A } catch { retry }
     * 3 cycle { break }
     * 4 execute anonymous
     * 5 (implicit end)
     * </pre>
     */
    private static Workflow workflow() {
        Block then = new Block(List.of(execute("A", "THEN")), Map.of(new JobName("A"), INNER_A), Optional.empty());
        return Workflow.checked(new Workflow(ID, OrderPreparation.DEFAULT, Workflow.DEFAULT_TIME_ZONE, List.of(), Optional.empty(),
                new Block(List.of(
                        execute("A", "START"),
                        new Instruction.If(Optional.empty(), List.of(new Instruction.IfThen(Expr.of("true"), then)),
                                Optional.of(block(execute("A")))),
                        Instruction.Try.of(block(execute("A")), block(new Instruction.Retry(Optional.empty()))),
                        new Instruction.Cycle(Optional.empty(), new Schedule(List.of()), block(new Instruction.Break(Optional.empty())), false),
                        Instruction.ExecuteAnonymous.of(ANONYMOUS)),
                        Map.of(new JobName("A"), OUTER_A), Optional.empty()))).orThrow();
    }

    private static Checked<Workflow> checked(Map<JobName, WorkflowJob> jobs, Instruction... instructions) {
        return Workflow.checked(new Workflow(ID, OrderPreparation.DEFAULT, Workflow.DEFAULT_TIME_ZONE, List.of(), Optional.empty(),
                new Block(List.of(instructions), jobs, Optional.empty())));
    }

    private static String problemCode(Checked<?> checked) {
        return checked.problemOption().map(Problem::code).orElse("no problem");
    }

    @Test
    void instructionAtATopLevelPosition() {
        assertThat(workflow().instruction(Position.of(0)).orThrow()).isEqualTo(execute("A", "START"));
    }

    @Test
    void instructionInANestedBlock() {
        assertThat(workflow().instruction(Position.of(1, "then", 0)).orThrow()).isEqualTo(execute("A", "THEN"));
        assertThat(workflow().instruction(Position.of(1, "else", 0)).orThrow()).isEqualTo(execute("A"));
    }

    @Test
    void instructionAfterTheLastOfABlockIsItsImplicitEnd() {
        assertThat(workflow().instruction(Position.of(5)).orThrow()).isEqualTo(Instruction.ImplicitEnd.INSTANCE);
        assertThat(workflow().instruction(Position.of(1, "then", 1)).orThrow()).isEqualTo(Instruction.ImplicitEnd.INSTANCE);
    }

    @Test
    void tryAndCatchBlocksAreFoundWithAnyRetryNumber() {
        assertThat(workflow().instruction(Position.of(2, "try+3", 0)).orThrow()).isEqualTo(execute("A"));
        assertThat(workflow().instruction(Position.of(2, "catch+3", 0)).orThrow()).isInstanceOf(Instruction.Retry.class);
    }

    @Test
    void cycleBlockIsFoundWithItsCycleState() {
        assertThat(workflow().instruction(Position.of(3, "cycle+end=1,scheme=0,i=1,next=0", 0)).orThrow())
                .isInstanceOf(Instruction.Break.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[6]", "[1,\"then\",2]", "[1,\"then+2\",0]", "[0,\"then\",0]", "[9,\"then\",0]", "[2,\"lock\",0]"})
    void unknownPositionIsAProblem(String position) {
        Position p = parse(position);

        assertThat(problemCode(workflow().instruction(p))).isEqualTo("UnknownPosition");
        assertThat(workflow().isDefinedAt(p)).isFalse();
    }

    @Test
    void namedJobIsLookedUpInTheInnermostBlockFirst() {
        assertThat(workflow().job(Position.of(1, "then", 0)).orThrow()).isSameAs(INNER_A);
    }

    @Test
    void namedJobIsLookedUpOutwards() {
        assertThat(workflow().job(Position.of(1, "else", 0)).orThrow()).isSameAs(OUTER_A);
        assertThat(workflow().job(Position.of(2, "try+0", 0)).orThrow()).isSameAs(OUTER_A);
        assertThat(workflow().job(Position.of(0)).orThrow()).isSameAs(OUTER_A);
    }

    @Test
    void anonymousJobIsTheInlineJob() {
        assertThat(workflow().job(Position.of(4)).orThrow()).isSameAs(ANONYMOUS);
        assertThat(workflow().jobName(Position.of(4))).isEmpty();
    }

    @Test
    void jobAtAnInstructionWithoutJobIsAProblem() {
        assertThat(problemCode(workflow().job(Position.of(3)))).isEqualTo("NoJob");
    }

    @Test
    void labelLeadsToItsPosition() {
        assertThat(workflow().labelToPosition(new Label("START")).orThrow()).isEqualTo(Position.of(0));
        assertThat(workflow().labelToPosition(new Label("THEN")).orThrow()).isEqualTo(Position.of(1, "then", 0));
    }

    @Test
    void unknownLabelIsAProblem() {
        assertThat(problemCode(workflow().labelToPosition(new Label("NONE")))).isEqualTo("UnknownLabel");
    }

    @Test
    void positionsAreInDocumentOrderWithImplicitEnds() {
        assertThat(workflow().positions()).containsExactly(
                Position.of(0),
                Position.of(1),
                Position.of(1, "then", 0), Position.of(1, "then", 1),
                Position.of(1, "else", 0), Position.of(1, "else", 1),
                Position.of(2),
                Position.of(2, "try+0", 0), Position.of(2, "try+0", 1),
                Position.of(2, "catch+0", 0), Position.of(2, "catch+0", 1),
                Position.of(3),
                Position.of(3, "cycle", 0), Position.of(3, "cycle", 1),
                Position.of(4),
                Position.of(5));
    }

    @Test
    void everyPositionIsDefined() {
        Workflow workflow = workflow();

        assertThat(workflow.positions()).allMatch(workflow::isDefinedAt);
    }

    @Test
    void duplicateLabelIsAProblem() {
        Checked<Workflow> c = checked(Map.of(new JobName("A"), OUTER_A), execute("A", "L"),
                new Instruction.Options(Optional.empty(), Optional.empty(), block(execute("A", "L"))));

        assertThat(problemCode(c)).isEqualTo("DuplicateLabel");
        assertThat(c.problemOption().orElseThrow().message()).contains("[0]").contains("[1,\"options\",0]");
    }

    @Test
    void unknownJobIsAProblemNamingThePosition() {
        Checked<Workflow> c = checked(Map.of(), new Instruction.Options(Optional.empty(), Optional.empty(), block(execute("MISSING"))));

        assertThat(problemCode(c)).isEqualTo("UnknownJob");
        assertThat(c.problemOption().orElseThrow().message()).startsWith("At [0,\"options\",0]: ").contains("MISSING");
    }

    @Test
    void jobOfAnInnerBlockIsUnknownOutside() {
        Block inner = new Block(List.of(execute("INNER")), Map.of(new JobName("INNER"), INNER_A), Optional.empty());

        Checked<Workflow> c = checked(Map.of(), new Instruction.Options(Optional.empty(), Optional.empty(), inner), execute("INNER"));

        assertThat(problemCode(c)).isEqualTo("UnknownJob");
    }

    @Test
    void retryOutsideACatchBlockIsAProblem() {
        Checked<Workflow> c = checked(Map.of(), Instruction.Try.of(block(new Instruction.Retry(Optional.empty())), Block.EMPTY));

        assertThat(problemCode(c)).isEqualTo("MisplacedRetry");
    }

    @Test
    void retryNestedInsideACatchBlockIsAllowed() {
        Checked<Workflow> c = checked(Map.of(), Instruction.Try.of(Block.EMPTY,
                block(new Instruction.Options(Optional.empty(), Optional.empty(), block(new Instruction.Retry(Optional.empty()))))));

        assertThat(c.isOk()).isTrue();
    }

    @Test
    void breakOutsideACycleIsAProblem() {
        assertThat(problemCode(checked(Map.of(), new Instruction.Break(Optional.empty())))).isEqualTo("MisplacedBreak");
    }

    /** {@code [1,"then",0]} → Position. */
    private static Position parse(String json) {
        String[] parts = json.substring(1, json.length() - 1).split(",");
        Object[] objects = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            objects[i] = parts[i].startsWith("\"") ? parts[i].substring(1, parts[i].length() - 1) : Integer.valueOf(parts[i]);
        }
        return Position.of(objects);
    }
}
