package io.jobwerk.cockpit.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jobwerk.engine.base.Checked;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The real OS keyring, where one answers (a desktop session; here e.g. under
 * {@code dbus-run-session} with an unlocked {@code gnome-keyring-daemon}); skipped where none does, as in CI.
 */
class OsKeyringVaultTest {

    @Test
    void aPasswordIsStoredReadAndForgottenInTheOsKeyring() {
        Checked<PasswordVault> opened = OsKeyringVault.open();
        assumeTrue(opened.isOk(), () -> "no OS keyring here: " + opened.problemOption().orElseThrow().message());
        PasswordVault keyring = opened.orThrow();
        ConnectionProfile profile = new ConnectionProfile("keyring-test", "http://keyring-test-" + UUID.randomUUID() + ":4444", "operator");
        try {
            assertThat(keyring.persistent()).isTrue();
            assertThat(keyring.password(profile)).isEmpty();
            keyring.store(profile, "s3cret-äö €").orThrow();
            assertThat(keyring.password(profile)).contains("s3cret-äö €");
            keyring.store(profile, "changed").orThrow();
            assertThat(keyring.password(profile)).contains("changed");
        } finally {
            keyring.forget(profile);
        }
        assertThat(keyring.password(profile)).isEmpty();
    }
}
