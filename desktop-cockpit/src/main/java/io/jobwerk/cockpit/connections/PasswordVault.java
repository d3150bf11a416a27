package io.jobwerk.cockpit.connections;

import io.jobwerk.engine.base.Checked;
import java.util.Optional;

/**
 * Where the connections' passwords are kept, keyed by {@link ConnectionProfile#account()}: the OS
 * keyring ({@link OsKeyringVault}) where one answers, else memory only ({@link MemoryVault}), never
 * a file of the Cockpit's own. Calls may block (a keyring may ask the desktop to unlock): not on the
 * UI thread.
 */
public interface PasswordVault {

    /** The stored password; empty when none is stored (or the keyring could not be read). */
    Optional<String> password(ConnectionProfile profile);

    /** Stores (replaces) the password: the profile, or the problem why not. */
    Checked<ConnectionProfile> store(ConnectionProfile profile, String password);

    /** Forgets the password; nothing stored is not a problem. */
    void forget(ConnectionProfile profile);

    /** Whether a stored password outlives the Cockpit (a keyring) or is gone when it ends (memory). */
    boolean persistent();

    /** For the operator, e.g. {@code OS keyring (Secret Service)} or {@code memory only (no OS keyring)}. */
    String description();
}
