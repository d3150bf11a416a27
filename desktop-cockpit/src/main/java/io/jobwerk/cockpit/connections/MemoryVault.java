package io.jobwerk.cockpit.connections;

import io.jobwerk.engine.base.Checked;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords for this run of the Cockpit only: where there is no OS keyring, a password is asked at
 * connect and kept here, never written anywhere. Also the vault of tests.
 */
public final class MemoryVault implements PasswordVault {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final String description;

    public MemoryVault() {
        this("memory only (no OS keyring): asked at connect, never written to disk");
    }

    public MemoryVault(String description) {
        this.description = description;
    }

    @Override
    public Optional<String> password(ConnectionProfile profile) {
        return Optional.ofNullable(passwords.get(profile.account()));
    }

    @Override
    public Checked<ConnectionProfile> store(ConnectionProfile profile, String password) {
        passwords.put(profile.account(), password);
        return Checked.ok(profile);
    }

    @Override
    public void forget(ConnectionProfile profile) {
        passwords.remove(profile.account());
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public String description() {
        return description;
    }
}
