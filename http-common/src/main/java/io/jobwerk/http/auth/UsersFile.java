package io.jobwerk.http.auth;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of a server as its configuration lists them, one per line:
 * <pre>
 * # NAME = PASSWORD-HASH PERMISSION…
 * admin    = pbkdf2-sha256:120000:SALT:HASH  Super
 * operator = pbkdf2-sha256:120000:SALT:HASH  ControlOrder
 * deployer = pbkdf2-sha256:120000:SALT:HASH  UpdateItem ControlOrder
 * viewer   = pbkdf2-sha256:120000:SALT:HASH  ValidUser
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. A user without permissions gets
 * {@code ValidUser}; {@link Permission} says which permission each route needs. Hashes come from
 * {@code jobwerk hash-password}; {@code plain:…} is accepted but should be kept for tests.
 */
public final class UsersFile {
    private static final String INVALID_NAME = "a user name must not be empty, start with '#', or contain '=', ':' or white space";
    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private UsersFile() {}

    /**
     * Reads {@code file} (UTF-8) and parses it; a problem names the file, and the line where one is
     * wrong. Logs a warning when group or others have any permission on a good file: it should be
     * readable by the server's user alone, like an SSH key. Only a warning, since the file holds
     * salted hashes, not the passwords themselves.
     */
    public static Checked<Users> read(Path file) {
        String source = "users file " + file;
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return fail(source, "no such file");
        } catch (AccessDeniedException e) {
            return fail(source, "permission denied");
        } catch (CharacterCodingException e) {
            return fail(source, "not UTF-8 text");
        } catch (FileSystemException e) {
            return fail(source, e.getReason() != null ? e.getReason() : "cannot be read");
        } catch (IOException e) {
            return fail(source, "cannot be read");
        }
        Checked<Users> users = parse(text, source);
        if (users.isOk()) { // else the problem is all the server says
            warnWhenGroupOrOthersMayAccess(file, source);
        }
        return users;
    }

    private static void warnWhenGroupOrOthersMayAccess(Path file, String source) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            LOG.warn(source + " is accessible by group or others (" + PosixFilePermissions.toString(permissions)
                    + "); let only the server's user read it: chmod 600 " + file);
        }
    }

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
            if (!isValidName(name)) {
                return fail(where, INVALID_NAME);
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

    /**
     * The line of a users file that {@link #parse} reads back as this user: {@code NAME = HASH
     * PERMISSION…}. A problem for a name that such a line cannot hold.
     */
    public static Checked<String> line(String name, PasswordHash hash, Collection<Permission> permissions) {
        return checkName(name).map(n -> {
            StringBuilder line = new StringBuilder(n).append(" = ").append(hash.encoded());
            permissions.stream().distinct().forEach(p -> line.append(' ').append(p));
            return line.toString();
        });
    }

    /** The name, or a problem when a users file cannot hold it. */
    public static Checked<String> checkName(String name) {
        return isValidName(name) ? Checked.ok(name) : Checked.fail(Problem.of("InvalidUserName", INVALID_NAME));
    }

    // ':' because HTTP Basic and the client's --user NAME:PASSWORD could not name such a user
    private static boolean isValidName(String name) {
        return !name.isEmpty() && !name.startsWith("#") && name.chars().noneMatch(c -> c == '=' || c == ':' || Character.isWhitespace(c));
    }

    private static <T> Checked<T> fail(String where, String message) {
        return Checked.fail(Problem.of("InvalidUsersFile", where + ": " + message));
    }
}
