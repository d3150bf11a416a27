package io.jobwerk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code jobwerk ARGS…} in this JVM against a Controller, capturing stdout and stderr. */
final class Cli {
    record Result(int exitCode, String out, String err) {}

    private final String controller;
    private final String user;

    Cli(String controller, String user) {
        this.controller = controller;
        this.user = user;
    }

    /** With {@code --controller} and {@code --user} appended. */
    Result client(String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.addAll(List.of("--controller", controller, "--user", user));
        return run(list.toArray(String[]::new));
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
