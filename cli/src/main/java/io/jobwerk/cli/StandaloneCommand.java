package io.jobwerk.cli;

import io.jobwerk.controller.Controller;
import io.jobwerk.http.auth.UserAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Standalone system;
        try {
            system = Standalone.start(data, port, users, !noFsync);
        } catch (IllegalStateException e) {
            System.err.println("jobwerk: " + e.getMessage());
            return 1;
        }
        Controller controller = system.controller();
        String agentUri = system.agentUri();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            system.close();
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
