package io.jobwerk.cli;

import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jobwerk controller}: a Controller alone. */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Start a Controller.")
public final class ControllerServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, converter = DataOption.class, description = "Data directory.")
    Path data;

    @Option(names = "--id", defaultValue = "Controller", description = "Controller id (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4444", converter = PortOption.class, description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--agent-user", required = true, description = "NAME:PASSWORD the Controller logs in with at its Agents (a user with UpdateItem there).")
    String agentUser;

    @Option(names = "--no-fsync", description = "Do not fsync the journal.")
    boolean noFsync;

    @Mixin
    TrustedKeysOption trustedKeys;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.accounts(); // before the data directory is created
        int colon = agentUser.indexOf(':');
        if (colon <= 0) {
            // the value is not echoed: it may be a password
            throw new ParameterException(spec.commandLine(), "--agent-user must be NAME:PASSWORD");
        }
        SignatureVerifier signatures = trustedKeys.signatures(spec);
        Logging.toFile(DataOption.created(data), "controller");
        Controller controller = Controller.start(new ControllerConf(id, DataOption.created(data),
                new WebServerConf(host, port, WebServerConf.DEFAULT_MAX_BODY_BYTES),
                new Users(accounts), agentUser.substring(0, colon), agentUser.substring(colon + 1), !noFsync, signatures));
        return ServerRun.untilStopped(controller, controller::onShutDown,
                "Jobwerk Controller ready: http://" + host + ":" + controller.port() + "/controller/api");
    }
}
