package io.jobwerk.http.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured user accounts of a server. */
public final class Users {

    private final Map<String, UserAccount> byId = new LinkedHashMap<>();

    public Users(Collection<UserAccount> accounts) {
        for (UserAccount a : accounts) {
            if (byId.put(a.id(), a) != null) {
                throw new IllegalArgumentException("User '" + a.id() + "' is configured twice");
            }
        }
    }

    /** The account if the password matches; empty for an unknown user or a wrong password alike. */
    public Optional<UserAccount> authenticate(String userId, String password) {
        UserAccount account = byId.get(userId);
        if (account == null) {
            // Spend the same time as a real check, so timing does not tell which user ids exist.
            PasswordHash.hash(password);
            return Optional.empty();
        }
        return account.passwordHash().matches(password) ? Optional.of(account) : Optional.empty();
    }

    public Optional<UserAccount> get(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    /** The accounts in the order they were given. */
    public List<UserAccount> accounts() {
        return List.copyOf(byId.values());
    }
}
