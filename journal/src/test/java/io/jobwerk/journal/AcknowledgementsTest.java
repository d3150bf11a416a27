package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final List<Long> completed = new ArrayList<>();

    private Acknowledgements.Done done(long lastEventId) {
        return new Acknowledgements.Done(lastEventId, () -> completed.add(lastEventId), new CompletableFuture<>());
    }

    @Test
    void withoutAcknowledgementModeEveryPersistCompletesAtOnceInOrder() {
        acknowledgements.completeOrHold(List.of(done(1), done(3)));
        assertThat(completed).containsExactly(1L, 3L);
    }

    @Test
    void anAcknowledgementCompletesTheHeldPersistsItCoversInOrder() {
        acknowledgements.require(true);
        acknowledgements.completeOrHold(List.of(done(1), done(3), done(5)));
        assertThat(completed).isEmpty();
        assertThat(acknowledgements.acknowledge(4, 5, "J").orThrow()).isEqualTo(4);
        assertThat(completed).containsExactly(1L, 3L);
        acknowledgements.completeOrHold(List.of(done(2)));
        assertThat(completed).as("already acknowledged").containsExactly(1L, 3L, 2L);
    }

    @Test
    void anAcknowledgementBeyondTheLastEventIsAProblemAndChangesNothing() {
        acknowledgements.require(true);
        acknowledgements.completeOrHold(List.of(done(1)));
        assertThat(acknowledgements.acknowledge(9, 5, "J").problemOption().orElseThrow().code()).isEqualTo("AcknowledgementTooEarly");
        assertThat(acknowledgements.acknowledgedEventId()).isZero();
        assertThat(completed).isEmpty();
    }

    @Test
    void switchingTheModeOffCompletesEveryHeldPersist() {
        acknowledgements.require(true);
        acknowledgements.completeOrHold(List.of(done(1), done(2)));
        acknowledgements.require(false);
        assertThat(completed).containsExactly(1L, 2L);
    }

    @Test
    void failHeldFailsTheHeldPersistsOnly() {
        acknowledgements.require(true);
        Acknowledgements.Done held = done(1);
        acknowledgements.completeOrHold(List.of(held));
        acknowledgements.failHeld(new IllegalStateException("closed"));
        assertThat(held.future()).isCompletedExceptionally();
        acknowledgements.acknowledge(1, 1, "J");
        assertThat(completed).isEmpty();
    }
}
