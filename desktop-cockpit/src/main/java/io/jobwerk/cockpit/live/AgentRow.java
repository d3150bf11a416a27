package io.jobwerk.cockpit.live;

import java.time.Instant;
import java.util.Optional;

/**
 * An Agent or one of its Subagents as the Cockpit shows it: whether the Controller (for an Agent)
 * or its Agent (for a Subagent, as last reported) is coupled with it, since when, why not, and how
 * many job processes run there now.
 */
public record AgentRow(Kind kind, String id, String agentPath, String uri, Coupling coupling,
                       Optional<Instant> since, Optional<String> problem, int runningJobs, boolean disabled,
                       boolean director) {

    public enum Kind { AGENT, SUBAGENT }

    public enum Coupling {
        COUPLED("Coupled", "mdoal-link"),
        COUPLING_FAILED("Not coupled", "mdoal-link_off"),
        UNKNOWN("Not yet coupled", "mdoal-hourglass_empty");

        private final String label;
        private final String icon;

        Coupling(String label, String icon) {
            this.label = label;
            this.icon = icon;
        }

        public String label() {
            return label;
        }

        public String icon() {
            return icon;
        }

        public String styleClass() {
            return "coupling-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
