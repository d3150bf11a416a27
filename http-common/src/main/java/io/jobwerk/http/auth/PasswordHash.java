package io.jobwerk.http.auth;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted password hash, written {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (Base64) in user
 * configuration. {@code plain:PASSWORD} is accepted too, for tests and first set-up, as JS7 does.
 */
public final class PasswordHash {

    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final String PREFIX = "pbkdf2-sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String encoded;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final String plain;

    private PasswordHash(String encoded, int iterations, byte[] salt, byte[] hash, String plain) {
        this.encoded = encoded;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
        this.plain = plain;
    }

    /** Hashes {@code password} with a new random salt. */
    public static PasswordHash hash(String password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static PasswordHash hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(PREFIX + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash),
                iterations, salt, hash, null);
    }

    /**
     * A password kept as given, compared in constant time: for a password that exists in plain text
     * anyway (a command line's {@code --user NAME:PASSWORD}), where hashing it would only cost the
     * start-up a PBKDF2 run (0.1-0.8 s of CPU) and protect nothing. Never written anywhere.
     */
    public static PasswordHash plain(String password) {
        return new PasswordHash("plain:" + password, 0, null, null, password);
    }

    /** Parses the configuration form; a problem names what is wrong without echoing the secret. */
    public static Checked<PasswordHash> parse(String encoded) {
        if (encoded.startsWith("plain:")) {
            return Checked.ok(new PasswordHash(encoded, 0, null, null, encoded.substring("plain:".length())));
        }
        if (!encoded.startsWith(PREFIX)) {
            return Checked.fail(Problem.of("InvalidPasswordHash", "Password must be 'pbkdf2-sha256:…' or 'plain:…'"));
        }
        String[] parts = encoded.substring(PREFIX.length()).split(":");
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return Checked.ok(new PasswordHash(encoded, Integer.parseInt(parts[0]), b64.decode(parts[1]), b64.decode(parts[2]), null));
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("InvalidPasswordHash", "Password hash must be 'pbkdf2-sha256:ITERATIONS:SALT:HASH'"));
        }
    }

    /** Compares in constant time. */
    public boolean matches(String password) {
        if (plain != null) {
            return MessageDigest.isEqual(plain.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        }
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    public String encoded() {
        return encoded;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return plain != null ? "plain:***" : PREFIX + iterations + ":***";
    }
}
