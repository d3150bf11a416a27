package io.jobwerk.cockpit.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Where no OS keyring answers (CI: no D-Bus session), the Cockpit falls back to memory, and says so. */
class PasswordVaultsTest {

    @Test
    void withoutASessionBusThereIsNoKeyringAndPasswordsStayInMemory() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null,
                "a Linux without a D-Bus session, as in CI");
        assertThat(OsKeyringVault.open().problemOption().orElseThrow().code()).isEqualTo("NoKeyring");
        PasswordVault vault = PasswordVaults.detect();
        assertThat(vault).isInstanceOf(MemoryVault.class);
        assertThat(vault.persistent()).isFalse();
        assertThat(vault.description()).contains("memory only").contains("never written to disk");
    }

    @Test
    void theKeyringCanBeSwitchedOff() {
        System.setProperty("jobwerk.cockpit.keyring", "false");
        try {
            PasswordVault vault = PasswordVaults.detect();
            assertThat(vault.persistent()).isFalse();
            assertThat(vault.description()).contains("switched off");
        } finally {
            System.clearProperty("jobwerk.cockpit.keyring");
        }
    }

    @Test
    void memoryKeepsOnePasswordPerUserAndControllerUntilForgotten() {
        MemoryVault vault = new MemoryVault();
        ConnectionProfile prod = new ConnectionProfile("prod", "http://prod:4444", "operator");
        ConnectionProfile renamed = new ConnectionProfile("production", "http://prod:4444", "operator");
        vault.store(prod, "secret").orThrow();
        assertThat(vault.password(renamed)).contains("secret");
        vault.forget(prod);
        assertThat(vault.password(prod)).isEmpty();
    }
}
