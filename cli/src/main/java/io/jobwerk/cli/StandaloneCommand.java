package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobwerk standalone}: a Controller on 127.0.0.1:PORT and an Agent Director with its integrated
 * Subagent on PORT+1 in one process, the Agent registered as AgentRef {@code agent} with director
 * Subagent {@code agent-1}. Prints a line with {@code ready} once both accept requests; stops cleanly
 * on SIGTERM.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Start a Controller (PORT) and an Agent with its Subagent (PORT+1) in one process.")
public final class StandaloneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, converter = DataOption.class, description = "Data directory (journals, job work files).")
    Path data;

    @Option(names = "--port", defaultValue = "4444", converter = PortOption.WithAgentOnNext.class,
            description = "Controller port; the Agent listens on PORT+1 (default: ${DEFAULT-VALUE}).")
    int port;

    /** The users of both servers. */
    @Mixin
    UsersOptions users;

    @Option(names = "--no-fsync", description = "Do not fsync the journals (faster, loses the last events on a power failure).")
    boolean noFsync;

    @Mixin
    TrustedKeysOption trustedKeys;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.accounts(); // before the data directory is created
        SignatureVerifier signatures = trustedKeys.signatures(spec);
        Checked<Standalone> started = Standalone.start(data, port, accounts, !noFsync, signatures);
        if (started.isFail()) {
            throw new ProblemException(started.problemOption().orElseThrow());
        }
        // Only now: a standalone refused (e.g. for its users) leaves no data directory behind
        Logging.toFile(data, "standalone");
        Standalone standalone = started.orThrow();
        return runUntilStopped(standalone, "Jobwerk standalone ready: Controller " + standalone.controllerUri() + "/controller/api, Agent "
                + standalone.agentUri() + "/agent/api, data " + data.toAbsolutePath());
    }

    /** Prints {@code readyText}, blocks until SIGTERM, Ctrl-C or the ShutDown command, then closes the servers; 0. */
    static int runUntilStopped(Standalone standalone, String readyText) throws Exception {
        return ServerRun.untilStopped("Jobwerk standalone", standalone, RunningJobs.of(standalone.agent()), standalone.controller::onShutDown, readyText);
    }
}
