package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.auth.UsersFile;
import io.jobwerk.engine.base.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Who may call a server: {@code --user NAME:PASSWORD} (repeatable, all permissions) and the users
 * of {@code --users FILE} ({@link UsersFile}); either or both, at least one.
 */
final class UsersOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", converter = UserOption.class,
            description = "A user with all permissions (repeatable; the password shows in the process list: prefer --users).")
    List<UserAccount> users = new ArrayList<>();

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file: one 'NAME = HASH PERMISSION…' per line (hashes from 'jobwerk hash-password').")
    Path usersFile;

    /** Whether {@code --user} or {@code --users} was given. */
    boolean given() {
        return !users.isEmpty() || usersFile != null;
    }


    /**
     * The users of {@code --user}, then those of the file; a usage error when neither is given. Throws a {@link ProblemException} (one line,
     * exit code 1 in {@link JobwerkMain}) when the file cannot be read or parsed, lists no user, or
     * lists a user given by {@code --user} too.
     */
    List<UserAccount> accounts() {
        if (!given()) {
            throw new ParameterException(spec.commandLine(), "--user NAME:PASSWORD or --users FILE is required");
        }
        List<UserAccount> accounts = new ArrayList<>();
        for (UserAccount account : users) {
            if (accounts.stream().anyMatch(a -> a.id().equals(account.id()))) {
                throw new ProblemException(Problem.of("DuplicateUser", "user '" + account.id() + "' is given twice by --user"));
            }
            accounts.add(account);
        }
        if (usersFile != null) {
            Checked<Users> fromFile = UsersFile.read(usersFile);
            if (fromFile.isFail()) {
                throw new ProblemException(fromFile.problemOption().orElseThrow());
            }
            if (fromFile.orThrow().accounts().isEmpty()) {
                throw new ProblemException(Problem.of("InvalidUsersFile", "users file " + usersFile + " lists no user"));
            }
            for (UserAccount account : fromFile.orThrow().accounts()) {
                if (accounts.stream().anyMatch(a -> a.id().equals(account.id()))) {
                    throw new ProblemException(Problem.of("InvalidUsersFile",
                            "users file " + usersFile + ": user '" + account.id() + "' is given by --user too"));
                }
                accounts.add(account);
            }
        }
        return accounts;
    }
}
