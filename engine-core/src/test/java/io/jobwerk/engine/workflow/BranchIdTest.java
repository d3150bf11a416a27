package io.jobwerk.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BranchIdTest {

    @ParameterizedTest
    @CsvSource({"0, then", "1, then+2", "2, then+3", "9, then+10"})
    void thenIsSpelledAsJs7SpellsIt(int index, String spelling) {
        assertThat(BranchId.then(index).string()).isEqualTo(spelling);
        assertThat(new BranchId(spelling).thenIndex()).contains(index);
    }

    @ParameterizedTest
    @ValueSource(strings = {"then+0", "then+1", "then+", "then+x", "then+-2", "thenx", "else"})
    void otherSpellingsAreNoThenBranch(String string) {
        assertThat(new BranchId(string).thenIndex()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"try+0, 0", "try+3, 3", "try, 0", "try+12, 12"})
    void tryBranchesTellTheirRetryNumber(String string, int retry) {
        BranchId id = new BranchId(string);

        assertThat(id.tryRetry()).contains(retry);
        assertThat(id.isTry()).isTrue();
        assertThat(id.isCatch()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"catch+0, 0", "catch+2, 2", "catch, 0"})
    void catchBranchesTellTheirRetryNumber(String string, int retry) {
        BranchId id = new BranchId(string);

        assertThat(id.catchRetry()).contains(retry);
        assertThat(id.isCatch()).isTrue();
        assertThat(id.isTry()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"try+", "try+x", "try+-1", "try++1", "tryx", "catch+", "catch+-1", "catchy", "fork+try"})
    void malformedRetryNumbersAreNoTryOrCatch(String string) {
        assertThat(new BranchId(string).isTryOrCatch()).isFalse();
    }

    @Test
    void tryAndCatchBranchesAreBuiltWithTheRetryNumber() {
        assertThat(BranchId.tryBranch(2).string()).isEqualTo("try+2");
        assertThat(BranchId.catchBranch(0).string()).isEqualTo("catch+0");
    }

    @Test
    void forkBranchCarriesTheForkBranchId() {
        BranchId id = BranchId.fork("🥕-A");

        assertThat(id.string()).isEqualTo("fork+🥕-A");
        assertThat(id.forkBranch()).contains("🥕-A");
        assertThat(id.isFork()).isTrue();
    }

    @Test
    void forkListBranchIsAForkWithoutForkBranch() {
        assertThat(BranchId.FORK_LIST.isFork()).isTrue();
        assertThat(BranchId.FORK_LIST.forkBranch()).isEmpty();
    }

    @Test
    void cycleBranchCarriesTheCycleState() {
        BranchId id = BranchId.cycle("end=1,scheme=0,i=1,next=0");

        assertThat(id.isCycle()).isTrue();
        assertThat(id.cycleState()).contains("end=1,scheme=0,i=1,next=0");
        assertThat(BranchId.CYCLE.isCycle()).isTrue();
        assertThat(BranchId.CYCLE.cycleState()).isEqualTo(Optional.empty());
    }
}
