package io.jobwerk.cli;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code jobwerk agent}: an Agent Director with its integrated Subagent. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Start an Agent Director with its integrated Subagent.")
public final class AgentServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, converter = DataOption.class, description = "Data directory.")
    Path data;

    @Option(names = "--agent-path", defaultValue = "agent", converter = AgentPathOption.class,
            description = "The AgentRef path this Director serves (default: ${DEFAULT-VALUE}).")
    AgentPath agentPath;

    @Option(names = "--subagent-id", defaultValue = "agent-1", converter = SubagentIdOption.class,
            description = "Id of the integrated Subagent (default: ${DEFAULT-VALUE}).")
    SubagentId subagentId;

    @Option(names = "--controller-id", defaultValue = "Controller", description = "Id of the Controller (default: ${DEFAULT-VALUE}).")
    String controllerId;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4445", converter = PortOption.class, description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--subagent-user", description = "NAME:PASSWORD the Director logs in with at its remote Subagents (a user with AgentDirector there).")
    String subagentUser;

    @Option(names = "--no-fsync", description = "Do not fsync the journal.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.accounts(); // before the data directory is created
        int colon = subagentUser == null ? -1 : subagentUser.indexOf(':');
        if (subagentUser != null && colon <= 0) {
            // the value is not echoed: it may be a password
            throw new ParameterException(spec.commandLine(), "--subagent-user must be NAME:PASSWORD");
        }
        Logging.toFile(DataOption.created(data), "agent");
        AgentConf conf = new AgentConf(agentPath, subagentId, DataOption.created(data),
                new WebServerConf(host, port, WebServerConf.DEFAULT_MAX_BODY_BYTES), new Users(accounts), controllerId,
                Duration.ofSeconds(15), !noFsync);
        if (subagentUser != null) {
            conf = conf.withSubagentUser(subagentUser.substring(0, colon), subagentUser.substring(colon + 1));
        }
        AgentDirector agent = AgentDirector.start(conf);
        return ServerRun.untilStopped("Jobwerk Agent", agent, RunningJobs.of(agent), "Jobwerk Agent ready: http://" + host + ":" + agent.port() + "/agent/api");
    }

    /** {@code --agent-path}: a valid AgentRef path. */
    static final class AgentPathOption implements CommandLine.ITypeConverter<AgentPath> {
        @Override
        public AgentPath convert(String value) {
            return valid(AgentPath.checked(value));
        }
    }

    /** {@code --subagent-id}: a valid Subagent id. */
    static final class SubagentIdOption implements CommandLine.ITypeConverter<SubagentId> {
        @Override
        public SubagentId convert(String value) {
            return valid(SubagentId.checked(value));
        }
    }

    /** The core's check of a name option; its problem as usage error. */
    private static <T> T valid(Checked<T> checked) {
        if (checked.isFail()) {
            throw new CommandLine.TypeConversionException(checked.problemOption().orElseThrow().message());
        }
        return checked.orThrow();
    }
}
