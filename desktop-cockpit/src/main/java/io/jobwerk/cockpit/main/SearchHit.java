package io.jobwerk.cockpit.main;

/** A quick-search result: a workflow or an order, with a line of detail. */
public record SearchHit(Kind kind, String name, String detail) {

    public enum Kind { WORKFLOW, ORDER }
}
