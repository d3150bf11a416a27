package io.jobwerk.engine.event;

/** Something that happened; events are facts named in the past tense, the aggregate first. */
public interface Event {

    /** The JSON {@code TYPE}, e.g. {@code OrderAdded}. */
    String typeName();
}
