package io.jobwerk.cli;

import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.subagent.process.JobProcessRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jobwerk} command line: starts servers and talks to a Controller. */
@Command(name = "jobwerk", mixinStandardHelpOptions = true, version = "Jobwerk 0.1.0",
        description = "An autonomous job scheduler speaking the JS7 engine JSON format.")
public final class JobwerkMain implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, StandaloneCommand.class, ControllerServerCommand.class,
            AgentServerCommand.class, SubagentServerCommand.class, DeployCommand.class, OrderCommand.class, OrdersCommand.class,
            CancelCommand.class, SuspendCommand.class, ResumeCommand.class, EventsCommand.class, LogCommand.class, HistoryCommand.class,
            PlanCommand.class, StatusCommand.class, JournalCommand.class, HashPasswordCommand.class, SimulateCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        JobProcessRunner.prepareJvm();
        Logging.configure();
        // A server command returns only after it stopped and closed its servers; leftover non-daemon threads must not keep the JVM.
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, with that subcommand only.
     * Picocli builds every command's model by reflection when it is added (a server's start spent a fifth of
     * its main thread's time there); the usage, suggestions for a mistyped name and options before the
     * subcommand need them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine commandLine = bare(traceWanted());
        Optional<Class<?>> named = args.length == 0 ? Optional.empty()
                : SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst();
        named.ifPresentOrElse(commandLine::addSubcommand, () -> SUBCOMMANDS.forEach(commandLine::addSubcommand));
        return commandLine;
    }

    /**
     * The command line with its handling of errors, one line on stderr each, {@code jobwerk COMMAND: what is wrong}:
     * <ul>
     * <li>a usage error (an unknown or missing option, a value out of range, a malformed URI, a data
     *     directory that is a file …) names the option and its value; exit code 2, picocli's
     *     convention, and no usage text (each command's {@code --help} has it);
     * <li>a failure at run time (a port in use, a data directory in use or not creatable, a server
     *     that refuses) says what failed; exit code 1;
     * <li>any other exception is named with its message and exit code 1; its stack trace follows only
     *     when the environment variable {@code JOBWERK_TRACE} is {@code 1} or {@code true}.
     * </ul>
     */
    public static CommandLine commandLine() {
        return commandLine(traceWanted());
    }

    private static boolean traceWanted() {
        String trace = System.getenv("JOBWERK_TRACE");
        return trace != null && (trace.equals("1") || trace.equalsIgnoreCase("true"));
    }

    /** The command line, with the stack trace of an unexpected exception printed after its line if {@code trace}. */
    static CommandLine commandLine(boolean trace) {
        CommandLine commandLine = bare(trace);
        SUBCOMMANDS.forEach(commandLine::addSubcommand);
        return commandLine;
    }

    private static CommandLine bare(boolean trace) {
        return new CommandLine(new JobwerkMain())
                .setParameterExceptionHandler(JobwerkMain::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd, trace));
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()) + orderIdHint(e));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine cmd, boolean trace) {
        PrintWriter err = cmd.getErr();
        String command = cmd.getCommandSpec().qualifiedName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                err.println(command + ": " + oneLine(p.problem().message()));
                err.flush();
                return 1;
            }
        }
        err.println(command + ": unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
                + (trace ? "" : " (JOBWERK_TRACE=1 shows the stack trace)"));
        if (trace) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** A shell takes an unquoted {@code #…} for a comment: the order id never arrives. */
    private static String orderIdHint(CommandLine.ParameterException e) {
        boolean orderMissing = e instanceof CommandLine.MissingParameterException && String.valueOf(e.getMessage()).contains("'ORDER'");
        return orderMissing ? " (an order id starting with # must be quoted in a shell, e.g. '#2026-12-07#T01-hello')" : "";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
