package io.jobwerk.http.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session tokens for logged-in users, as JS7's {@code x-js7-session} header carries them. A session
 * expires after {@code idleTimeout} without use (JS7: 1 hour). Thread-safe.
 */
public final class Sessions {

    private record Session(UserAccount user, Instant lastUsed) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Opens a session and returns its token (32 random bytes, Base64url). */
    public String open(UserAccount user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user, clock.instant()));
        return token;
    }

    /** The session's user, touching the session; empty when unknown or expired. */
    public Optional<UserAccount> user(String token) {
        Instant now = clock.instant();
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastUsed().plus(idleTimeout).isBefore(now)) {
            sessions.remove(token, s);
            return Optional.empty();
        }
        sessions.replace(token, s, new Session(s.user(), now));
        return Optional.of(s.user());
    }

    public boolean close(String token) {
        return sessions.remove(token) != null;
    }

    public int size() {
        return sessions.size();
    }
}
