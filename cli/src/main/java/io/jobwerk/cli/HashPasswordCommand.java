package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jobwerk hash-password [--user NAME [--permission P]…]}: reads a password and prints its
 * salted hash ({@code pbkdf2-sha256:…}) for a users file, with {@code --user} the whole line
 * ({@link UsersFile#line}). The password is typed twice on the console without echo; without a
 * console (stdin or stdout redirected) it is the first line of stdin, unless stdin is a terminal,
 * where it would be echoed: then it is refused.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Read a password and print its salted hash (pbkdf2-sha256:…) for a users file (--users FILE).",
                "On a console the password is typed twice without echo; else it is read as one line from stdin."})
public final class HashPasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", description = "Print the whole users-file line of this user.")
    String user;

    @Option(names = "--permission", paramLabel = "PERMISSION",
            description = "A permission of the user (repeatable, needs --user): ${COMPLETION-CANDIDATES}. None: ValidUser.")
    List<Permission> permissions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (user == null && !permissions.isEmpty()) {
            return error("--permission needs --user NAME", 2);
        }
        if (user != null && UsersFile.checkName(user).isFail()) { // before the password is typed
            return error("--user: " + UsersFile.checkName(user).problemOption().orElseThrow().message(), 2);
        }
        Checked<String> password = readPassword();
        if (password.isFail()) {
            return error(password.problemOption().orElseThrow().message(), 1);
        }
        PasswordHash hash = PasswordHash.hash(password.orThrow());
        spec.commandLine().getOut().println(user == null ? hash.encoded() : UsersFile.line(user, hash, permissions).orThrow());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Checked<String> readPassword() throws IOException {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            char[] repeated = typed == null ? null : console.readPassword("Repeat the password: ");
            if (repeated == null) {
                return Checked.fail(Problem.of("NoPassword", "no password was typed"));
            }
            if (!Arrays.equals(typed, repeated)) {
                return Checked.fail(Problem.of("PasswordsDiffer", "the two passwords differ"));
            }
            password = new String(typed);
        } else if (stdinIsTerminal()) {
            return Checked.fail(Problem.of("NoConsole", "no console (is stdout redirected?) and a typed password would be echoed:"
                    + " let the output go to the terminal, or pipe the password in"));
        } else {
            // Not closed: it is System.in
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null) {
                return Checked.fail(Problem.of("NoPassword", "no password on stdin (no console to ask on)"));
            }
        }
        return password.isEmpty() ? Checked.fail(Problem.of("NoPassword", "the password is empty")) : Checked.ok(password);
    }

    /**
     * Whether stdin is a terminal, as Linux's {@code /proc} tells (elsewhere: taken as not). The JDK
     * gives no console when stdout is redirected ({@code hash-password >> users.conf}), though the
     * password would be typed on the terminal.
     */
    private static boolean stdinIsTerminal() {
        try {
            String stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return stdin.startsWith("/dev/pts/") || stdin.startsWith("/dev/tty") || stdin.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private int error(String message, int exitCode) {
        spec.commandLine().getErr().println("jobwerk hash-password: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
