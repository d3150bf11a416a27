package io.jobwerk.harness;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.cli.Standalone;
import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How each server of a {@link SystemSpec} starts, in this JVM or as a {@code jobwerk} process: one place for the command lines and confs. */
final class ServerLaunch {

    private static final Duration AGENT_SIGKILL_DELAY = Duration.ofMillis(500);

    private final SystemSpec spec;

    ServerLaunch(SystemSpec spec) {
        this.spec = spec;
    }

    Path standaloneData() {
        return spec.dir().resolve("standalone");
    }

    Path controllerData() {
        return spec.dir().resolve("controller");
    }

    Path agentData(AgentSpec agent) {
        return spec.dir().resolve("agent-" + agent.agentPath().string());
    }

    Path subagentData(String id) {
        return spec.dir().resolve("subagent-" + id);
    }

    Standalone standalone(int port) {
        try {
            return Standalone.start(standaloneData(), port, spec.users().stream().map(Login::account).toList(), spec.fsync()).orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServerProcess standaloneProcess(int port) {
        List<String> args = new ArrayList<>(List.of("standalone", "--data", standaloneData().toString(), "--port", String.valueOf(port)));
        spec.users().forEach(user -> args.addAll(List.of("--user", user.option())));
        addFsync(args);
        return process("standalone", List.of(), args);
    }

    Controller controller(int port) {
        return Controller.start(new ControllerConf("test", controllerData(), WebServerConf.loopback(port), Login.users(spec.users()),
                spec.agentLogin().userId(), spec.agentLogin().password(), spec.fsync()));
    }

    ServerProcess controllerProcess(int port) {
        List<String> args = new ArrayList<>(List.of("controller", "--data", controllerData().toString(), "--port", String.valueOf(port)));
        spec.users().forEach(user -> args.addAll(List.of("--user", user.option())));
        args.addAll(List.of("--agent-user", spec.agentLogin().option()));
        addFsync(args);
        args.addAll(spec.controllerOptions());
        return process("controller", List.of(), args);
    }

    AgentDirector agent(AgentSpec agent, int port) {
        return AgentDirector.start(new AgentConf(agent.agentPath(), agent.directorId(), agentData(agent), WebServerConf.loopback(port),
                Login.users(List.of(spec.agentLogin())), "test", AGENT_SIGKILL_DELAY, spec.fsync())
                .withSubagentUser(spec.subagentLogin().userId(), spec.subagentLogin().password()));
    }

    ServerProcess agentProcess(AgentSpec agent, int port) {
        List<String> args = new ArrayList<>(List.of("agent", "--data", agentData(agent).toString(), "--port", String.valueOf(port),
                "--agent-path", agent.agentPath().string(), "--subagent-id", agent.directorId().string(),
                "--user", spec.agentLogin().option(), "--subagent-user", spec.subagentLogin().option()));
        addFsync(args);
        return process(agentName(agent), List.of(), args);
    }

    /** A Subagent process, small (many run at once), on {@code port} (0: any free one, see {@link ServerProcess#readyUri}). */
    ServerProcess subagentProcess(String id, int port, Duration directorTimeout) {
        return process("subagent-" + id, List.of("-Xmx96m", "-Xshare:auto"), List.of("subagent", "--data", subagentData(id).toString(),
                "--port", Integer.toString(port), "--user", spec.subagentLogin().option(),
                "--director-timeout", Double.toString(directorTimeout.toMillis() / 1000.0)));
    }

    static String agentName(AgentSpec agent) {
        return "agent-" + agent.agentPath().string();
    }

    private void addFsync(List<String> args) {
        if (!spec.fsync()) {
            args.add("--no-fsync");
        }
    }

    private ServerProcess process(String name, List<String> jvmOptions, List<String> args) {
        return ServerProcess.start(name, spec.dir().resolve(name + ".log"), jvmOptions, args.toArray(String[]::new));
    }
}
