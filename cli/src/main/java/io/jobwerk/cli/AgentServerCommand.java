package io.jobwerk.cli;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jobwerk agent}: an Agent Director with its integrated Subagent. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Start an Agent Director with its integrated Subagent.")
public final class AgentServerCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Data directory.")
    Path data;

    @Option(names = "--agent-path", defaultValue = "agent", description = "The AgentRef path this Director serves (default: ${DEFAULT-VALUE}).")
    String agentPath;

    @Option(names = "--subagent-id", defaultValue = "agent-1", description = "Id of the integrated Subagent (default: ${DEFAULT-VALUE}).")
    String subagentId;

    @Option(names = "--controller-id", defaultValue = "Controller", description = "Id of the Controller (default: ${DEFAULT-VALUE}).")
    String controllerId;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4445", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--subagent-user", description = "NAME:PASSWORD the Director logs in with at its remote Subagents (a user with AgentDirector there).")
    String subagentUser;

    @Option(names = "--no-fsync", description = "Do not fsync the journal.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        if (!users.checkGiven()) {
            return 2;
        }
        List<UserAccount> accounts = users.accounts();
        Files.createDirectories(data);
        AgentConf conf = new AgentConf(new AgentPath(agentPath), new SubagentId(subagentId), data,
                new WebServerConf(host, port, WebServerConf.DEFAULT_MAX_BODY_BYTES), new Users(accounts), controllerId,
                Duration.ofSeconds(15), !noFsync);
        if (subagentUser != null) {
            int colon = subagentUser.indexOf(':');
            if (colon <= 0) {
                System.err.println("jobwerk agent: --subagent-user must be NAME:PASSWORD");
                return 2;
            }
            conf = conf.withSubagentUser(subagentUser.substring(0, colon), subagentUser.substring(colon + 1));
        }
        AgentDirector agent = AgentDirector.start(conf);
        return ServerRun.untilStopped(agent, "Jobwerk Agent ready: http://" + host + ":" + agent.port() + "/agent/api");
    }
}
