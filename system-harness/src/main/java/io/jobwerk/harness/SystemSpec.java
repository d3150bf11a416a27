package io.jobwerk.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link JobwerkSystem} starts: one standalone server or a Controller and its Agents, in this
 * JVM or as {@code jobwerk} processes; the users, the data directory, the remote Subagents (always
 * processes). Built by {@link JobwerkSystem#in}.
 *
 * @param dir              the system's directory: each server's data directory and log file are in it
 * @param standalone       one server running the Controller and its Agent ({@code jobwerk standalone})
 * @param processes        each server a {@code jobwerk} JVM of its own, killed by pid on close
 * @param users            the Controller's users; the first is the one {@link JobwerkSystem#client} logs in as
 * @param agentLogin       the Controller's login at its Agents
 * @param subagentLogin    the Directors' login at their remote Subagents
 * @param agents           the Agents (not with {@code standalone}, whose Agent is {@code agent} with Director {@code agent-1})
 * @param directorTimeout  the Subagents' director timeout
 * @param controllerOptions more command-line options of a Controller process (e.g. {@code --trusted-keys DIR})
 * @param fixedPorts       ports chosen before the start (always for processes), so a server restarts at the same address
 */
public record SystemSpec(Path dir, boolean standalone, boolean processes, List<Login> users, Login agentLogin, Login subagentLogin,
                         List<AgentSpec> agents, Duration directorTimeout, List<String> controllerOptions, boolean fsync,
                         boolean fixedPorts) {

    public SystemSpec {
        users = List.copyOf(users);
        agents = List.copyOf(agents);
        controllerOptions = List.copyOf(controllerOptions);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("A system needs a user of its Controller");
        }
        if (standalone && !agents.isEmpty()) {
            throw new IllegalArgumentException("A standalone server has its own Agent; it takes no other");
        }
    }

    /** Builds a {@link SystemSpec} and starts it. Defaults: Controller and Agents in this JVM, no fsync, any free ports. */
    public static final class Builder {
        private final Path dir;
        private boolean standalone;
        private boolean processes;
        private final List<Login> users = new ArrayList<>();
        private Login agentLogin = Login.of("controller", "agent-pass-1");
        private Login subagentLogin = Login.of("director", "director-pass-1");
        private final List<AgentSpec> agents = new ArrayList<>();
        private Duration directorTimeout = Duration.ofSeconds(30);
        private final List<String> controllerOptions = new ArrayList<>();
        private boolean fsync;
        private boolean fixedPorts;

        Builder(Path dir) {
            this.dir = dir;
        }

        /** One server for the Controller and its Agent, as {@code jobwerk standalone}. */
        public Builder standalone() {
            this.standalone = true;
            return this;
        }

        /** Each server as a {@code jobwerk} process instead of in this JVM. */
        public Builder asProcesses() {
            this.processes = true;
            return this;
        }

        /** A user of the Controller; the first one added is the client's. */
        public Builder user(Login user) {
            users.add(user);
            return this;
        }

        public Builder agentLogin(Login login) {
            this.agentLogin = login;
            return this;
        }

        public Builder subagentLogin(Login login) {
            this.subagentLogin = login;
            return this;
        }

        /** An Agent; its remote Subagents start (in parallel) before it. */
        public Builder agent(AgentSpec agent) {
            agents.add(agent);
            return this;
        }

        public Builder directorTimeout(Duration timeout) {
            this.directorTimeout = timeout;
            return this;
        }

        public Builder controllerOptions(List<String> options) {
            controllerOptions.addAll(options);
            return this;
        }

        /** Journals fsync'd, as in production (default: not, for speed). */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /** Ports chosen before the start, so that a server stopped in this JVM comes back at the same address. */
        public Builder fixedPorts() {
            this.fixedPorts = true;
            return this;
        }

        public SystemSpec spec() {
            return new SystemSpec(dir, standalone, processes, users, agentLogin, subagentLogin, agents, directorTimeout,
                    controllerOptions, fsync, fixedPorts || processes);
        }

        /** Starts the system; on a failure, what was started is closed again. */
        public JobwerkSystem start() {
            return JobwerkSystem.start(spec());
        }
    }
}
