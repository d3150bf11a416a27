package io.jobwerk.engine.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedTest {

    private static final Problem PROBLEM = Problem.of("Code", "message");

    @Test
    void mapTransformsAValue() {
        assertThat(Checked.ok(2).map(i -> i * 3)).isEqualTo(Checked.ok(6));
    }

    @Test
    void mapKeepsTheProblem() {
        assertThat(Checked.<Integer>fail(PROBLEM).map(i -> i * 3)).isEqualTo(Checked.fail(PROBLEM));
    }

    @Test
    void flatMapChainsAndStopsAtTheFirstProblem() {
        assertThat(Checked.ok(1).flatMap(i -> Checked.ok(i + 1))).isEqualTo(Checked.ok(2));
        assertThat(Checked.ok(1).flatMap(i -> Checked.fail(PROBLEM))).isEqualTo(Checked.fail(PROBLEM));
        assertThat(Checked.<Integer>fail(PROBLEM).flatMap(i -> Checked.ok(i + 1))).isEqualTo(Checked.fail(PROBLEM));
    }

    @Test
    void mapProblemChangesOnlyAProblem() {
        assertThat(Checked.fail(PROBLEM).mapProblem(p -> p.withPrefix("At 1")).problemOption().orElseThrow().message())
                .isEqualTo("At 1: message");
        assertThat(Checked.ok(1).mapProblem(p -> p.withPrefix("x"))).isEqualTo(Checked.ok(1));
    }

    @Test
    void orThrowThrowsIllegalStateWithTheProblemMessage() {
        assertThatThrownBy(() -> Checked.fail(PROBLEM).orThrow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("message");
    }

    @Test
    void orElseAndToOptionalGiveTheValueOrTheAlternative() {
        assertThat(Checked.ok(1).orElse(2)).isEqualTo(1);
        assertThat(Checked.<Integer>fail(PROBLEM).orElse(2)).isEqualTo(2);
        assertThat(Checked.<Integer>fail(PROBLEM).toOptional()).isEmpty();
    }

    @Test
    void catchingTurnsARuntimeExceptionIntoAProblemWithTheCode() {
        Checked<Integer> c = Checked.catching("NotANumber", () -> Integer.parseInt("x"));

        assertThat(c.problemOption().orElseThrow().code()).isEqualTo("NotANumber");
    }

    @Test
    void sequenceGivesAllValuesOrTheFirstProblem() {
        Problem second = Problem.of("Second", "second");
        assertThat(Checked.sequence(List.of(Checked.ok(1), Checked.ok(2)))).isEqualTo(Checked.ok(List.of(1, 2)));
        assertThat(Checked.sequence(List.of(Checked.ok(1), Checked.fail(PROBLEM), Checked.fail(second))))
                .isEqualTo(Checked.fail(PROBLEM));
    }

    @Test
    void traverseStopsAtTheFirstProblem() {
        List<Integer> applied = new java.util.ArrayList<>();
        Checked<List<Integer>> c = Checked.traverse(List.of(1, 2, 3), i -> {
            applied.add(i);
            return i == 2 ? Checked.fail(PROBLEM) : Checked.ok(i);
        });

        assertThat(c).isEqualTo(Checked.fail(PROBLEM));
        assertThat(applied).containsExactly(1, 2);
    }

    @Test
    void okRejectsNull() {
        assertThatThrownBy(() -> Checked.ok(null)).isInstanceOf(NullPointerException.class);
    }
}
