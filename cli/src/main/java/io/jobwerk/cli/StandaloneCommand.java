package io.jobwerk.cli;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jobwerk standalone}: a Controller on 127.0.0.1:PORT and an Agent Director with its integrated
 * Subagent on PORT+1 in one process, the Agent registered as AgentRef {@code agent} with director
 * Subagent {@code agent-1}. Prints a line with {@code ready} once both accept requests; stops cleanly
 * on SIGTERM.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Start a Controller (PORT) and an Agent with its Subagent (PORT+1) in one process.")
public final class StandaloneCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Data directory (journals, job work files).")
    Path data;

    @Option(names = "--port", defaultValue = "4444", description = "Controller port; the Agent listens on PORT+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", required = true, converter = UserOption.class, description = "NAME:PASSWORD of a user with all permissions.")
    List<UserAccount> users = new ArrayList<>();

    @Option(names = "--no-fsync", description = "Do not fsync the journals (faster, loses the last events on a power failure).")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(data);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String internalPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<UserAccount> agentUsers = new ArrayList<>(users);
        agentUsers.add(new UserAccount("controller", PasswordHash.parse("plain:" + internalPassword).orThrow(), Set.of(Permission.UpdateItem)));
        AgentPath agentPath = new AgentPath("agent");
        SubagentId subagentId = new SubagentId("agent-1");
        AgentDirector agent = AgentDirector.start(new AgentConf(agentPath, subagentId, data.resolve("agent"),
                WebServerConf.loopback(port + 1), new Users(agentUsers), "standalone", Duration.ofSeconds(15), !noFsync));
        Controller controller = Controller.start(new ControllerConf("standalone", data.resolve("controller"),
                WebServerConf.loopback(port), new Users(users), "controller", internalPassword, !noFsync));
        String agentUri = "http://127.0.0.1:" + agent.port();
        Checked<Boolean> registered = controller.deploy(List.of(
                new ItemOperation.AddOrChangeSimple(new Item.SubagentItem(subagentId, agentPath, agentUri, false)),
                new ItemOperation.AddOrChangeSimple(new Item.AgentRef(agentPath, List.of(subagentId), Optional.empty(), false))));
        if (registered.isFail()) {
            System.err.println("jobwerk: cannot register the Agent: " + registered.problemOption().orElseThrow());
            controller.close();
            agent.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            controller.close();
            agent.close();
            stopped.countDown();
        };
        controller.onShutDown(() -> {
            stop.run();
            System.exit(0);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() > 0) {
                stop.run();
            }
        }, "jobwerk-shutdown"));
        System.out.println("Jobwerk standalone ready: Controller http://127.0.0.1:" + controller.port() + "/controller/api, Agent "
                + agentUri + "/agent/api, data " + data.toAbsolutePath());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
