package io.jobwerk.cli;

import io.jobwerk.engine.base.Problem;

/** The next step for the problems a newcomer meets first: a login refused and a Controller not running. */
final class ProblemHints {

    private ProblemHints() {
    }

    /** A sentence to append to {@code problem}'s message, or an empty string; {@code user} is the one that logged in. */
    static String hint(Problem problem, String user) {
        return switch (problem.code()) {
            case "InvalidLogin" -> " — tried as user '" + user + "'; the demo (./jobwerk demo) has the user demo:demo,"
                    + " the default of --user (or $JOBWERK_USER)";
            case "ConnectionRefused" -> " — no Controller listens there: start one with ./jobwerk demo,"
                    + " ./jobwerk standalone --data DIR, or the service script bin/controller.sh start (or give --controller URI)";
            default -> "";
        };
    }
}
