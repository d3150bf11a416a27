package io.jobwerk.cli;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import io.jobwerk.scheduler.RealScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Controller on 127.0.0.1:PORT and an Agent Director with its integrated Subagent on PORT+1 in this
 * process, the Agent registered as AgentRef {@code agent} with director Subagent {@code agent-1}
 * (journals under DATA/controller and DATA/agent). The Controller logs in at the Agent with a random
 * internal password. Port 0 takes free ports (for tests).
 */
public final class Standalone implements AutoCloseable {

    public static final AgentPath AGENT = new AgentPath("agent");
    public static final SubagentId SUBAGENT = new SubagentId("agent-1");
    private static final String CONTROLLER_AT_AGENT = "controller";

    final Controller controller;
    final AgentDirector agent;

    private Standalone(Controller controller, AgentDirector agent) {
        this.controller = controller;
        this.agent = agent;
    }

    /**
     * Starts both servers (Controller on {@code port}, Agent on {@code port + 1}; port 0: any free
     * ports) and registers the Agent; a problem when that fails.
     */
    public static Checked<Standalone> start(Path data, int port, List<UserAccount> users, boolean fsync) throws IOException {
        return start(data, port, users, fsync, SignatureVerifier.acceptingUnsigned());
    }

    /** A problem if a user has the name the standalone Controller logs in with at its Agent. */
    private static Optional<Problem> reservedUserProblem(List<UserAccount> users) {
        return users.stream().anyMatch(u -> u.id().equals(CONTROLLER_AT_AGENT))
                ? Optional.of(Problem.of("ReservedUserName", "user '" + CONTROLLER_AT_AGENT
                        + "' is reserved: the standalone Controller logs in at its Agent with that name"))
                : Optional.empty();
    }

    /** The same, with the Controller's signed-deployment switch. */
    public static Checked<Standalone> start(Path data, int port, List<UserAccount> users, boolean fsync, SignatureVerifier signatures)
            throws IOException {
        Optional<Problem> reserved = reservedUserProblem(users);
        if (reserved.isPresent()) {
            return Checked.fail(reserved.get());
        }
        DataOption.created(data);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String internalPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        // At the Agent the Controller's users read (events, overview); only Super may command it, as the Controller's
        // own rules let only Super reset or release: else a deployer could reset the Agent behind the Controller.
        List<UserAccount> agentUsers = new ArrayList<>();
        for (UserAccount user : users) {
            agentUsers.add(user.permissions().contains(Permission.Super) ? user
                    : new UserAccount(user.id(), user.passwordHash(), Set.of(Permission.ValidUser)));
        }
        agentUsers.add(new UserAccount(CONTROLLER_AT_AGENT, PasswordHash.parse("plain:" + internalPassword).orThrow(), Set.of(Permission.UpdateItem)));
        AgentPath agentPath = AGENT;
        SubagentId subagentId = SUBAGENT;
        // Both recover their journals at once (on 2 cores the start after a crash takes the longer of the two, not the sum).
        AgentConf agentConf = new AgentConf(agentPath, subagentId, data.resolve("agent"),
                WebServerConf.loopback(port == 0 ? 0 : port + 1), new Users(agentUsers), "standalone", Duration.ofSeconds(15), fsync);
        CompletableFuture<AgentDirector> agentStarted = new CompletableFuture<>();
        RealScheduler.instance().newThread("standalone-agent-start", () -> {
            try {
                agentStarted.complete(AgentDirector.start(agentConf));
            } catch (Throwable t) {
                agentStarted.completeExceptionally(t);
            }
        }).start();
        Controller controller;
        try {
            controller = Controller.start(new ControllerConf("standalone", data.resolve("controller"),
                    WebServerConf.loopback(port), new Users(users), CONTROLLER_AT_AGENT, internalPassword, fsync, signatures));
        } catch (RuntimeException e) {
            try {
                agentStarted.join().close();
            } catch (CompletionException agentFailedToo) {
                e.addSuppressed(agentFailedToo.getCause());
            }
            throw e;
        }
        AgentDirector agent;
        try {
            agent = agentStarted.join();
        } catch (CompletionException e) {
            controller.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Standalone standalone = new Standalone(controller, agent);
        Checked<Boolean> registered = controller.deploy(List.of(
                new ItemOperation.AddOrChangeSimple(new Item.SubagentItem(subagentId, agentPath, standalone.agentUri(), false)),
                new ItemOperation.AddOrChangeSimple(new Item.AgentRef(agentPath, List.of(subagentId), Optional.empty(), false))));
        if (registered.isFail()) {
            standalone.close();
            return Checked.fail(registered.problemOption().orElseThrow().withPrefix("Cannot register the Agent"));
        }
        return Checked.ok(standalone);
    }

    public String controllerUri() {
        return "http://127.0.0.1:" + controller.port();
    }

    public String agentUri() {
        return "http://127.0.0.1:" + agent.port();
    }

    public Controller controller() {
        return controller;
    }

    public AgentDirector agent() {
        return agent;
    }

    @Override
    public void close() {
        controller.close();
        agent.close();
    }
}
