package io.jobwerk.cockpit.live;

/** A deployed workflow (its current version) with the number of its orders per state group. */
public record WorkflowRow(String path, String versionId, GroupCounts counts, boolean suspended) {

    public int total() {
        return counts.total();
    }
}
