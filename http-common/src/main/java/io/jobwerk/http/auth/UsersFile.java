package io.jobwerk.http.auth;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The users of a server as its configuration lists them, one per line:
 * <pre>
 * # NAME = PASSWORD-HASH PERMISSION…
 * admin    = pbkdf2-sha256:120000:SALT:HASH  Super
 * operator = pbkdf2-sha256:120000:SALT:HASH  UpdateItem ReadMetrics
 * viewer   = pbkdf2-sha256:120000:SALT:HASH  ValidUser
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. A user without permissions gets
 * {@code ValidUser}. Hashes come from {@code jobwerk hash-password}; {@code plain:…} is accepted
 * but should be kept for tests.
 */
public final class UsersFile {
    private UsersFile() {}

    /** Parses the file's text; a problem names the source and line (never echoes a password). */
    public static Checked<Users> parse(String text, String source) {
        List<UserAccount> accounts = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ", line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return fail(where, "expected 'NAME = PASSWORD-HASH PERMISSION…'");
            }
            String name = line.substring(0, eq).strip();
            String[] words = line.substring(eq + 1).strip().split("\\s+");
            if (name.isEmpty() || words.length == 0 || words[0].isEmpty()) {
                return fail(where, "expected 'NAME = PASSWORD-HASH PERMISSION…'");
            }
            Checked<PasswordHash> hash = PasswordHash.parse(words[0]);
            if (hash.isFail()) {
                return fail(where, hash.problemOption().orElseThrow().message());
            }
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (int w = 1; w < words.length; w++) {
                try {
                    permissions.add(Permission.valueOf(words[w]));
                } catch (IllegalArgumentException e) {
                    return fail(where, "unknown permission '" + words[w] + "' (known: " + List.of(Permission.values()) + ")");
                }
            }
            if (permissions.isEmpty()) {
                permissions.add(Permission.ValidUser);
            }
            if (accounts.stream().anyMatch(a -> a.id().equals(name))) {
                return fail(where, "user '" + name + "' is listed twice");
            }
            accounts.add(new UserAccount(name, hash.orThrow(), permissions));
        }
        return Checked.ok(new Users(accounts));
    }

    private static <T> Checked<T> fail(String where, String message) {
        return Checked.fail(Problem.of("InvalidUsersFile", where + ": " + message));
    }
}
