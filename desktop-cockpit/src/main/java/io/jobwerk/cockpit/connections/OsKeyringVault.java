package io.jobwerk.cockpit.connections;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OS keyring through java-keyring: the Secret Service (GNOME Keyring, KWallet) over D-Bus on
 * Linux, the Keychain on macOS, the Credential Manager on Windows; each password under the service
 * {@code jobwerk-cockpit} and the profile's {@link ConnectionProfile#account()}.
 */
public final class OsKeyringVault implements PasswordVault {

    static final String SERVICE = "jobwerk-cockpit";
    private static final Logger LOG = Logger.getLogger(OsKeyringVault.class.getName());

    private final Keyring keyring;

    private OsKeyringVault(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The keyring, if one answers: the library finds a backend (none without a D-Bus session, as in
     * CI) and a read of an entry that need not exist goes through to it. That read's "not found"
     * cannot be told from a locked keyring's refusal (GNOME Keyring says "No stored credentials
     * match" for both), so either counts as an answer; a locked keyring then refuses the store, which
     * the operator is told, and the password stays in memory. Otherwise the problem why not.
     */
    public static Checked<PasswordVault> open() {
        Keyring keyring;
        try {
            keyring = Keyring.create();
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return Checked.fail(Problem.of("NoKeyring", "No OS keyring: " + e.getMessage()));
        }
        try {
            keyring.getPassword(SERVICE, "probe");
        } catch (PasswordAccessException answered) {
            // the keyring answered: no such entry (or locked)
        } catch (RuntimeException | LinkageError e) {
            close(keyring);
            return Checked.fail(Problem.of("NoKeyring", "The OS keyring does not answer: " + e.getMessage()));
        }
        return Checked.ok(new OsKeyringVault(keyring));
    }

    private static void close(Keyring keyring) {
        try {
            keyring.close();
        } catch (Exception ignored) {
            // a keyring that did not answer has nothing to release
        }
    }

    @Override
    public Optional<String> password(ConnectionProfile profile) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, profile.account())).filter(p -> !p.isEmpty());
        } catch (PasswordAccessException | RuntimeException e) {
            LOG.log(Level.FINE, () -> "No password in the keyring for " + profile.account() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Checked<ConnectionProfile> store(ConnectionProfile profile, String password) {
        try {
            keyring.setPassword(SERVICE, profile.account(), password);
            return Checked.ok(profile);
        } catch (PasswordAccessException | RuntimeException e) {
            return Checked.fail(Problem.of("KeyringWrite", "The OS keyring did not take the password of " + profile.name() + ": " + e.getMessage()));
        }
    }

    @Override
    public void forget(ConnectionProfile profile) {
        try {
            keyring.deletePassword(SERVICE, profile.account());
        } catch (PasswordAccessException | RuntimeException e) {
            LOG.log(Level.FINE, () -> "Nothing to forget in the keyring for " + profile.account() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String description() {
        return "OS keyring (" + keyring.getKeyringStorageType() + ")";
    }
}
