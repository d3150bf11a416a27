package io.jobwerk.http.auth;

import java.util.Set;

/**
 * What a user may do. {@code Super} implies all others, and any permission implies
 * {@code ValidUser}. The names are the JS7 engine's ({@code ValidUserPermission} …) without the
 * suffix; {@code ControlOrder} is Jobwerk's own: JS7 lets any valid user send order commands and
 * leaves finer rights to JOC Cockpit, which Jobwerk does not have.
 *
 * <p>Which route needs which, per server:
 * <ul>
 *   <li>Controller: reading (overview, the caller's session, snapshot, orders, obstacles, events with the job output)
 *       {@code ValidUser}; {@code POST order} and the order commands {@code ControlOrder};
 *       {@code POST item} {@code UpdateItem}; server commands ({@code ShutDown},
 *       {@code EmergencyStop}, {@code TakeSnapshot}, {@code ReleaseEvents}, {@code ResetAgent},
 *       {@code ResetSubagent}) {@code Super}; {@code /metrics} {@code ReadMetrics}. A
 *       {@code Batch} needs what each of its commands needs.</li>
 *   <li>Agent: reading {@code ValidUser}; the Controller's commands and file-watch scans
 *       {@code UpdateItem} (they attach items and orders).</li>
 *   <li>Subagent: the overview {@code ValidUser}; commands and the event stream
 *       {@code AgentDirector}.</li>
 * </ul>
 */
public enum Permission {
    /** Any authenticated user: read overviews, orders, their obstacles, and events (job output included). */
    ValidUser,
    /**
     * Add orders and control them: cancel, suspend, resume, go, answer a prompt, change, transfer to
     * a new workflow version, delete when terminated; post and delete notices; suspend a workflow,
     * skip its jobs, set breakpoints.
     */
    ControlOrder,
    /** Deploy and delete items; at an Agent, the Controller's commands. */
    UpdateItem,
    /** Read Prometheus metrics. */
    ReadMetrics,
    /**
     * Act as the Agent Director of a Subagent (as JS7's {@code AgentDirectorPermission}): its
     * commands and event stream; only such requests count as the Director's sign of life.
     */
    AgentDirector,
    /** Everything. */
    Super;

    public boolean isGrantedBy(Set<Permission> granted) {
        return granted.contains(this) || granted.contains(Super) || (this == ValidUser && !granted.isEmpty());
    }
}
