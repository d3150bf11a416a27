package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.engine.base.ProblemException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jobwerk demo}: {@code jobwerk standalone} with the demo workflows deployed and one order
 * each added; prints where to look and runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a standalone Controller and Agent, deploy the demo workflows, add one order each; runs until Ctrl-C.",
                "Without --user and --users the user is demo:demo."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", converter = DataOption.class, description = "Data directory (default: demo-data in the project).")
    Path data;

    @Option(names = "--port", defaultValue = "4444", converter = PortOption.WithAgentOnNext.class,
            description = "Controller port; the Agent listens on PORT+1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--demo-dir", paramLabel = "DIR", description = "Directory with workflows/ and orders.json (default: demo in the project).")
    Path demoDirectory;

    @Option(names = "--no-fsync", description = "Do not fsync the journals.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.given() ? users.accounts() : List.of(new UserOption().convert("demo:demo"));
        Path dir = demoDirectory != null ? demoDirectory : Demo.defaultDirectory();
        Path dataDir = data != null ? data : dir.toAbsolutePath().getParent().resolve("demo-data");
        Checked<Standalone> started = Standalone.start(dataDir, port, accounts, !noFsync);
        if (started.isFail()) {
            throw new ProblemException(started.problemOption().orElseThrow());
        }
        // Only now: a standalone refused (e.g. for its users) leaves no data directory behind
        Logging.toFile(dataDir, "standalone");
        Standalone standalone = started.orThrow();
        Checked<Demo.SetUp> setUp = Demo.setUp(standalone, dir, Instant.now());
        if (setUp.isFail()) {
            standalone.close();
            throw new ProblemException(setUp.problemOption().orElseThrow());
        }
        ByteArrayOutputStream guide = new ByteArrayOutputStream();
        printGuide(new PrintStream(guide, true, StandardCharsets.UTF_8), standalone, setUp.orThrow(), dataDir, accounts.get(0).id());
        return StandaloneCommand.runUntilStopped(standalone, guide.toString(StandardCharsets.UTF_8).stripTrailing());
    }

    static void printGuide(PrintStream out, Standalone standalone, Demo.SetUp setUp, Path dataDir, String user) {
        String controller = standalone.controllerUri();
        String c = controller.equals("http://127.0.0.1:4444") ? "" : " --controller " + controller;
        String u = user.equals("demo") ? "" : " --user " + user + ":PASSWORD";
        out.println("Jobwerk demo ready: Controller " + controller + "/controller/api, Agent " + standalone.agentUri()
                + "/agent/api, user " + user + ", data " + dataDir.toAbsolutePath());
        for (ItemFiles.Entry e : setUp.deployment().entries()) {
            out.println("  deployed " + e.type() + " " + e.name());
        }
        out.println("  added orders: " + String.join(" ", setUp.orderIds()));
        out.println();
        out.println("Where to look (in another terminal):");
        out.println("  ./jobwerk orders" + c + u + "                 the orders: state, position, Agent, obstacles");
        out.println("  ./jobwerk events --follow" + c + u + "        every event as it happens");
        out.println("  ./jobwerk log " + setUp.orderIds().get(0) + c + u + "          an order's job output");
        out.println("  ./jobwerk status" + c + u + "                 Controller, Agents, orders by state");
        out.println("  ./jobwerk order add demo/params --arg name=you --arg count=5" + c + u);
        out.println("  curl -u " + (user.equals("demo") ? "demo:demo" : user + ":PASSWORD") + " " + controller + "/controller/api     the JS7 engine API ("
                + controller + "/metrics for Prometheus)");
        out.println("Ctrl-C stops the demo; run it again to continue with the same data.");
        out.flush();
    }
}
