package io.jobwerk.harness;

import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user of a server the harness starts, with its permissions: {@code userId:password} on a command
 * line ({@code --user}), a {@link UserAccount} with a plain password hash in this JVM.
 */
public record Login(String userId, String password, Set<Permission> permissions) {

    public Login {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(password, "password");
        permissions = Set.copyOf(permissions);
    }

    /** A user with every permission (as {@code --user N:P} gives on a command line). */
    public static Login of(String userId, String password) {
        return new Login(userId, password, EnumSet.allOf(Permission.class));
    }

    /** The same user with only these permissions, e.g. {@code Permission.ValidUser} for one who may only look. */
    public Login withOnly(Permission... only) {
        return new Login(userId, password, Set.copyOf(Arrays.asList(only)));
    }

    public UserAccount account() {
        return new UserAccount(userId, PasswordHash.parse("plain:" + password).orThrow(), permissions);
    }

    /** {@code userId:password}, the value of a server's {@code --user} option. */
    public String option() {
        return userId + ":" + password;
    }

    static Users users(List<Login> logins) {
        return new Users(logins.stream().map(Login::account).toList());
    }
}
