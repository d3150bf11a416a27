package io.jobwerk.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void toStringIsJs7Notation() {
        assertThat(Position.FIRST).hasToString("[0]");
        assertThat(Position.of(1, "then", 0)).hasToString("[1,\"then\",0]");
        assertThat(Position.of(2, "try+1", 3, "fork+A", 0)).hasToString("[2,\"try+1\",3,\"fork+A\",0]");
    }

    @Test
    void toListIsTheJsonArray() {
        assertThat(Position.of(1, "then", 0).toList()).containsExactly(1, "then", 0);
    }

    @Test
    void enterGoesToTheFirstInstructionOfTheBlock() {
        assertThat(Position.of(1).enter(BranchId.THEN)).isEqualTo(Position.of(1, "then", 0));
        assertThat(Position.of(1, "then", 2).enter(BranchId.LOCK, 3)).isEqualTo(Position.of(1, "then", 2, "lock", 3));
    }

    @Test
    void parentIsTheInstructionOfTheEnclosingBlock() {
        assertThat(Position.of(1, "then", 2, "lock", 3).parent()).contains(Position.of(1, "then", 2));
        assertThat(Position.of(1, "then", 2).parent()).contains(Position.of(1));
    }

    @Test
    void topLevelPositionHasNoParent() {
        assertThat(Position.of(3).parent()).isEmpty();
        assertThat(Position.of(3).isTopLevel()).isTrue();
    }

    @Test
    void incrementMovesToTheNextInstructionOfTheSameBlock() {
        assertThat(Position.of(1, "then", 2).increment()).isEqualTo(Position.of(1, "then", 3));
    }

    @Test
    void enterThenParentIsIdentity() {
        Position p = Position.of(4, "catch+1", 2);

        assertThat(p.enter(BranchId.OPTIONS).parent()).contains(p);
    }

    @Test
    void negativeInstructionNumberIsRejected() {
        assertThatThrownBy(() -> Position.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evenNumberOfPartsIsRejected() {
        assertThatThrownBy(() -> Position.of(1, "then")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compareToOrdersByInstructionNumberThenDepth() {
        List<Position> ordered = List.of(
                Position.of(0),
                Position.of(0, "then", 5),
                Position.of(1),
                Position.of(1, "then", 0),
                Position.of(1, "then", 0, "lock", 0),
                Position.of(1, "then", 1),
                Position.of(2));
        List<Position> shuffled = new ArrayList<>(ordered);
        java.util.Collections.reverse(shuffled);

        shuffled.sort(null);

        assertThat(shuffled).containsExactlyElementsOf(ordered);
    }

    @Test
    void compareToIsAntisymmetricAndConsistentWithEquals() {
        List<Position> positions = List.of(Position.of(0), Position.of(1), Position.of(1, "then", 0),
                Position.of(1, "else", 0), Position.of(1, "then", 1), Position.of(1, "then", 0, "try+0", 0),
                Position.of(2, "fork+A", 0), Position.of(2, "fork+B", 0), Position.of(2, "fork+A", 0));
        for (Position a : positions) {
            for (Position b : positions) {
                assertThat(Integer.signum(a.compareTo(b))).as(a + " vs " + b).isEqualTo(-Integer.signum(b.compareTo(a)));
                assertThat(a.compareTo(b) == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
            }
        }
    }

    @Test
    void isInTellsWhetherThePositionLiesInTheBlock() {
        Position p = Position.of(1, "then", 2, "lock", 0);

        assertThat(p.isIn(Position.of(1, "then", 0).branchPath())).isTrue();
        assertThat(p.isIn(Position.of(1, "else", 0).branchPath())).isFalse();
    }

    @Test
    void siblingBranchesSortInDocumentOrder() {
        java.util.List<Position> sorted = new java.util.ArrayList<>(java.util.List.of(
                Position.of(1, "else", 0), Position.of(1, "then+10", 0), Position.of(1, "then+2", 0), Position.of(1, "then", 0)));
        java.util.Collections.sort(sorted);
        assertThat(sorted).containsExactly(Position.of(1, "then", 0), Position.of(1, "then+2", 0), Position.of(1, "then+10", 0),
                Position.of(1, "else", 0));
        java.util.List<Position> tries = new java.util.ArrayList<>(java.util.List.of(
                Position.of(2, "catch+1", 0), Position.of(2, "try+1", 0), Position.of(2, "catch+0", 3), Position.of(2, "try+0", 5)));
        java.util.Collections.sort(tries);
        assertThat(tries).containsExactly(Position.of(2, "try+0", 5), Position.of(2, "catch+0", 3), Position.of(2, "try+1", 0),
                Position.of(2, "catch+1", 0));
    }

    @Test
    void workflowPositionsAreSorted() {
        var w = io.jobwerk.engine.workflow.Workflow.of(io.jobwerk.engine.workflow.WorkflowId.of("W", "1"),
                new Instruction.If(java.util.Optional.empty(), java.util.List.of(
                        new Instruction.IfThen(io.jobwerk.engine.value.expression.Expr.of("true"), Block.of(new Instruction.Stop(java.util.Optional.empty()))),
                        new Instruction.IfThen(io.jobwerk.engine.value.expression.Expr.of("false"), Block.EMPTY)),
                        java.util.Optional.of(Block.of(new Instruction.End(java.util.Optional.empty())))),
                Instruction.Try.of(Block.EMPTY, Block.EMPTY));
        java.util.List<Position> positions = w.positions();
        java.util.List<Position> sorted = new java.util.ArrayList<>(positions);
        java.util.Collections.sort(sorted);
        assertThat(sorted).isEqualTo(positions);
    }
}
