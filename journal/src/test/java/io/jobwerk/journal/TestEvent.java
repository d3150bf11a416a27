package io.jobwerk.journal;

import io.jobwerk.engine.event.Event;

/** The events of the tests' counter state. */
sealed interface TestEvent extends Event permits TestEvent.Incremented, TestEvent.Removed {

    /** Adds {@code by} to the counter named by the key; part {@code part} of {@code parts} of transaction {@code txn}. */
    record Incremented(long by, String txn, int part, int parts) implements TestEvent {
        @Override
        public String typeName() {
            return "Incremented";
        }
    }

    /** Removes the counter; does not apply to a missing counter. */
    record Removed() implements TestEvent {
        @Override
        public String typeName() {
            return "Removed";
        }
    }
}
