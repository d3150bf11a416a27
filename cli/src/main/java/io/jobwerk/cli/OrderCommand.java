package io.jobwerk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jobwerk order …}: commands on one order. */
@Command(name = "order", mixinStandardHelpOptions = true, description = "Add an order.",
        subcommands = OrderAddCommand.class)
public final class OrderCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: order add WORKFLOW …");
    }
}
