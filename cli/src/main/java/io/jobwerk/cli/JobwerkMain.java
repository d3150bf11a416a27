package io.jobwerk.cli;

import io.jobwerk.journal.ProblemException;
import io.jobwerk.subagent.process.JobProcessRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jobwerk} command line: starts servers and talks to a Controller. */
@Command(name = "jobwerk", mixinStandardHelpOptions = true, version = "Jobwerk 0.1.0",
        description = "An autonomous job scheduler speaking the JS7 engine JSON format.",
        subcommands = {DemoCommand.class, StandaloneCommand.class, ControllerServerCommand.class, AgentServerCommand.class, SubagentServerCommand.class,
                DeployCommand.class, OrderCommand.class, OrdersCommand.class, CancelCommand.class, SuspendCommand.class,
                ResumeCommand.class, EventsCommand.class, LogCommand.class, StatusCommand.class, JournalCommand.class,
                HashPasswordCommand.class})
public final class JobwerkMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        JobProcessRunner.prepareJvm();
        Logging.configure();
        // A server command returns only after it stopped and closed its servers; leftover non-daemon threads must not keep the JVM.
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its handling of a server that cannot start (port in use, data directory
     * in use or unreadable): one line naming what is wrong, exit code 1, no stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new JobwerkMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ProblemException p) {
                    cmd.getErr().println("jobwerk " + cmd.getCommandName() + ": " + p.problem().message());
                    return 1;
                }
            }
            throw e;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
