package io.jobwerk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jobwerk journal …}: offline journal tools. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Inspect a journal directory.",
        subcommands = JournalDumpCommand.class)
public final class JournalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: journal dump DIR");
    }
}
