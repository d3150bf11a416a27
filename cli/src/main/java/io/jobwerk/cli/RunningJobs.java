package io.jobwerk.cli;

import io.jobwerk.agent.AgentDirector;
import io.jobwerk.subagent.SubagentServer;

/**
 * The jobs a server runs, as its graceful stop sees them (see {@link ServerRun}): it first starts no
 * more jobs and waits for the running ones, then terminates those left.
 */
interface RunningJobs {

    /** From now on no job starts; the running ones go on. */
    void stopStarting();

    /** How many jobs run now or have ended without their outcome being durable yet. */
    int count();

    /** How many job processes run now (after {@link #terminate} the outcomes are not awaited). */
    int processCount();

    /** SIGTERM to each job process and its descendants, SIGKILL after the job's sigkill delay. */
    void terminate();

    /** A server that runs no jobs (the Controller). */
    RunningJobs NONE = new RunningJobs() {
        @Override public void stopStarting() { }
        @Override public int count() { return 0; }
        @Override public int processCount() { return 0; }
        @Override public void terminate() { }
    };

    static RunningJobs of(AgentDirector agent) {
        return new RunningJobs() {
            @Override public void stopStarting() { agent.stopStartingJobs(); }
            @Override public int count() { return agent.runningJobCount(); }
            @Override public int processCount() { return agent.processCount(); }
            @Override public void terminate() { agent.terminateJobs(); }
        };
    }

    static RunningJobs of(SubagentServer subagent) {
        return new RunningJobs() {
            @Override public void stopStarting() { subagent.stopStartingJobs(); }
            @Override public int count() { return subagent.unreportedJobCount(); }
            @Override public int processCount() { return subagent.processCount(); }
            @Override public void terminate() { subagent.terminateJobs(); }
        };
    }
}
