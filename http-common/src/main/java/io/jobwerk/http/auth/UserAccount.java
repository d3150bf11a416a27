package io.jobwerk.http.auth;

import java.util.Objects;
import java.util.Set;

/** A configured user: id, password hash and permissions. */
public record UserAccount(String id, PasswordHash passwordHash, Set<Permission> permissions) {
    public UserAccount {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("User id must not be blank");
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
        permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permission.isGrantedBy(permissions);
    }
}
