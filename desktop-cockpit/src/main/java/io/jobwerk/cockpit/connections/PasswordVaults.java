package io.jobwerk.cockpit.connections;

import io.jobwerk.engine.base.Checked;
import java.util.logging.Logger;

/** Chooses the vault: the OS keyring where one answers, else memory only (and the reason is logged). */
public final class PasswordVaults {
    private PasswordVaults() {}

    private static final Logger LOG = Logger.getLogger(PasswordVaults.class.getName());

    /** {@code -Djobwerk.cockpit.keyring=false} (or {@code $JOBWERK_KEYRING=false}) keeps passwords in memory even where a keyring exists. */
    public static PasswordVault detect() {
        if ("false".equals(System.getProperty("jobwerk.cockpit.keyring", System.getenv("JOBWERK_KEYRING")))) {
            return new MemoryVault("memory only (keyring switched off): asked at connect, never written to disk");
        }
        Checked<PasswordVault> keyring = OsKeyringVault.open();
        if (keyring.isFail()) {
            LOG.info(() -> keyring.problemOption().orElseThrow().message() + "; passwords are asked at connect and kept in memory only");
            return new MemoryVault();
        }
        return keyring.orThrow();
    }
}
