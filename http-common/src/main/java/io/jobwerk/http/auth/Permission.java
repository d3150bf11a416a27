package io.jobwerk.http.auth;

/**
 * What a user may do, as the JS7 engine names it. {@code Super} implies all others.
 */
public enum Permission {
    /** Any authenticated user: read state and events. */
    ValidUser,
    /** Deploy and delete items, add and control orders. */
    UpdateItem,
    /** Read Prometheus metrics. */
    ReadMetrics,
    /** Act as the Agent Director of a Subagent (Director → Subagent calls). */
    AgentDirector,
    /** Everything. */
    Super;

    public boolean isGrantedBy(java.util.Set<Permission> granted) {
        return granted.contains(this) || granted.contains(Super) || (this == ValidUser && !granted.isEmpty());
    }
}
