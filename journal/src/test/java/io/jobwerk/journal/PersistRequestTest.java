package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersistRequestTest {

    @Test
    void oneTimestampPerEventIsRequired() {
        assertThatThrownBy(() -> PersistRequest.timed(increments("A", "t", 2), List.of(Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallersFoldNeedsBothItsBaseAndItsResult() {
        assertThatThrownBy(() -> PersistRequest.folded(increments("A", "t", 1), List.of(Optional.empty()), null, TestState.EMPTY))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PersistRequest.folded(increments("A", "t", 1), List.of(Optional.empty()), TestState.EMPTY, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theFoldIsAdoptedOnlyOntoTheSameBaseObject() {
        TestState base = new TestState(TestState.EMPTY.counters(), 0);
        TestState folded = new TestState(TestState.EMPTY.counters().plus("A", 1L), 1);
        PersistRequest.Fold<TestState> fold = new PersistRequest.Fold.ByCaller<>(base, folded);
        assertThat(fold.foldedOnto(base)).containsSame(folded);
        assertThat(fold.foldedOnto(new TestState(base.counters(), 0))).as("equal, but another object").isEmpty();
        assertThat(new PersistRequest.Fold.ByJournal<TestState>().foldedOnto(base)).isEmpty();
    }

    @Test
    void theRequestKeepsItsOwnCopyOfTheLists() {
        var events = new ArrayList<>(increments("A", "t", 1));
        PersistRequest<TestState, TestEvent> request = PersistRequest.of(events);
        events.clear();
        assertThat(request.events()).hasSize(1);
        assertThat(request.timestamps()).containsExactly(Optional.empty());
        assertThat(request.fold()).isInstanceOf(PersistRequest.Fold.ByJournal.class);
    }
}
