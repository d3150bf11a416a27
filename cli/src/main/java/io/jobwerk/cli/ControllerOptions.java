package io.jobwerk.cli;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.client.EngineClient;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of the client commands: which Controller ({@code --controller}, default
 * {@code $JOBWERK_CONTROLLER} or {@code http://127.0.0.1:4444}) and as which user ({@code --user
 * NAME:PASSWORD}, default {@code $JOBWERK_USER} or the demo's {@code demo:demo}).
 */
final class ControllerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--controller", paramLabel = "URI", defaultValue = "${env:JOBWERK_CONTROLLER:-http://127.0.0.1:4444}",
            converter = ControllerUriOption.class,
            description = "The Controller (default: $JOBWERK_CONTROLLER or http://127.0.0.1:4444).")
    String controller;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", defaultValue = "${env:JOBWERK_USER:-demo:demo}",
            description = "User at the Controller (default: $JOBWERK_USER or demo:demo).")
    String user;

    /** A client of the Controller's {@code /controller/api}; a malformed {@code --user} is a usage error. */
    EngineClient client() {
        int colon = user.indexOf(':');
        if (colon <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--user must be NAME:PASSWORD");
        }
        String base = controller.endsWith("/") ? controller.substring(0, controller.length() - 1) : controller;
        String api = base.endsWith("/controller/api") ? base : base + "/controller/api";
        return new EngineClient(api, user.substring(0, colon), user.substring(colon + 1));
    }

    /** Sends a command ({@code POST /controller/api/command}); prints {@code done} or the problem. */
    int execute(io.jobwerk.engine.command.Command command, String done) {
        try (EngineClient client = client()) {
            var response = client.command(io.jobwerk.engine.json.CommandJson.encode(command));
            if (response.isFail()) {
                return problem(response.problemOption().orElseThrow());
            }
        }
        out().println(done);
        out().flush();
        return 0;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the server's (or the connection's) problem and returns exit code 1. */
    int problem(Problem problem) {
        int colon = user.indexOf(':');
        err().println(spec.qualifiedName() + ": " + problem.message()
                + (problem.code().equals("Problem") ? "" : " (" + problem.code() + ")")
                + ProblemHints.hint(problem, colon < 0 ? user : user.substring(0, colon)));
        err().flush();
        return 1;
    }
}
