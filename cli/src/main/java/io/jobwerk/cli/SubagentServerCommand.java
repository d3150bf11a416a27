package io.jobwerk.cli;

import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.subagent.SubagentConf;
import io.jobwerk.subagent.SubagentServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jobwerk subagent}: a Subagent server that runs job processes for its Agent Director. */
@Command(name = "subagent", mixinStandardHelpOptions = true, description = "Start a Subagent that runs job processes for an Agent Director.")
public final class SubagentServerCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, converter = DataOption.class, description = "Data directory (job work files, executables).")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4446", converter = PortOption.class, description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--director-timeout", defaultValue = "30", converter = SecondsOption.class, paramLabel = "SECONDS",
            description = "Seconds without a request of the Director after which all processes are killed (default: ${DEFAULT-VALUE}).")
    Duration directorTimeout;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.accounts(); // before the data directory is created
        Logging.toFile(DataOption.created(data), "subagent");
        SubagentServer server = SubagentServer.start(SubagentConf.of(DataOption.created(data),
                new WebServerConf(host, port, WebServerConf.DEFAULT_MAX_BODY_BYTES), new Users(accounts)).withDirectorTimeout(directorTimeout));
        return ServerRun.untilStopped("Jobwerk Subagent", server, RunningJobs.of(server), "Jobwerk Subagent ready: http://" + host + ":" + server.port() + "/subagent/api");
    }
}
