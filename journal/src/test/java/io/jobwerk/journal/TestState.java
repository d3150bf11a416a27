package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/** Counters by key and the number of events applied: the tests' stand-in for EngineState. */
record TestState(PMap<String, Long> counters, long eventCount) {

    static final TestState EMPTY = new TestState(HashTreePMap.empty(), 0);

    static final StateFolder<TestState> FOLDER = new StateFolder<>() {
        @Override
        public TestState empty() {
            return EMPTY;
        }

        @Override
        public Checked<TestState> apply(TestState s, Stamped<? extends Event> stamped) {
            String key = stamped.keyedEvent().key().orElse("");
            Event e = stamped.keyedEvent().event();
            if (e instanceof TestEvent.Incremented inc) {
                return Checked.ok(new TestState(s.counters.plus(key, s.counters.getOrDefault(key, 0L) + inc.by()), s.eventCount + 1));
            } else if (e instanceof TestEvent.Removed) {
                if (!s.counters.containsKey(key)) {
                    return Checked.fail(Problem.of("UnknownCounter", "No counter " + key));
                }
                return Checked.ok(new TestState(s.counters.minus(key), s.eventCount + 1));
            }
            return Checked.fail(Problem.of("UnknownEvent", e.toString()));
        }
    };
}
