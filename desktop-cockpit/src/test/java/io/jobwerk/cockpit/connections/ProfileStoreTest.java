package io.jobwerk.cockpit.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path directory;

    @Test
    void aMissingFileIsNoProfile() {
        assertThat(new ProfileStore(directory.resolve("not-yet")).load().orThrow()).isEmpty();
    }

    @Test
    void profilesRoundTripInTheirOrder() {
        ProfileStore store = new ProfileStore(directory.resolve("jobwerk/cockpit"));
        List<ConnectionProfile> profiles = List.of(new ConnectionProfile("prod", "https://js7.example.com:4443", "operator"),
                new ConnectionProfile("test", "http://test-host:4444/controller/api", "tester"));
        assertThat(store.save(profiles).orThrow()).isEqualTo(directory.resolve("jobwerk/cockpit/connections.json"));
        assertThat(new ProfileStore(directory.resolve("jobwerk/cockpit")).load().orThrow()).isEqualTo(profiles);
        assertThat(directory.resolve("jobwerk/cockpit")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aBrokenEntryIsAProblemNamingTheFileAndTheEntry() throws Exception {
        Files.writeString(directory.resolve("connections.json"), "{\"connections\":[{\"name\":\"prod\",\"controller\":\"ftp://x\",\"user\":\"u\"}]}");
        String problem = new ProfileStore(directory).load().problemOption().orElseThrow().message();
        assertThat(problem).contains("connections.json").contains("connection 1").contains("http://");
    }

    @Test
    void profilesAreCheckedFieldByField() {
        assertThat(ConnectionProfile.checked(" ", "http://h:1", "u").problemOption().orElseThrow().message()).startsWith("Name:");
        assertThat(ConnectionProfile.checked("p", "h:1", "u").problemOption().orElseThrow().message()).startsWith("Controller URL:");
        assertThat(ConnectionProfile.checked("p", "http://h:1", "").problemOption().orElseThrow().message()).startsWith("User:");
        assertThat(ConnectionProfile.checked(" prod ", " http://h:1 ", " u ").orThrow()).isEqualTo(new ConnectionProfile("prod", "http://h:1", "u"));
    }

    @Test
    void theSameControllerWithOrWithoutTheApiPathIsTheSameTarget() {
        ConnectionProfile profile = new ConnectionProfile("local", "http://127.0.0.1:4444", "demo");
        assertThat(profile.sameTarget("http://127.0.0.1:4444/controller/api/", "demo")).isTrue();
        assertThat(profile.sameTarget("http://127.0.0.1:4444", "other")).isFalse();
    }

    @Test
    void theOpenConnectionsAreNamedBesideTheProfilesAndAnOlderFileHasNone() throws Exception {
        ProfileStore store = new ProfileStore(directory);
        List<ConnectionProfile> profiles = List.of(new ConnectionProfile("prod", "http://prod:4444", "operator"),
                new ConnectionProfile("test", "http://test:4444", "tester"));
        store.save(profiles, java.util.Set.of("test", "gone")).orThrow();
        assertThat(store.loadOpen()).containsExactly("test");
        assertThat(store.load().orThrow()).isEqualTo(profiles);
        Files.writeString(store.file(), "{\"connections\":[{\"name\":\"prod\",\"controller\":\"http://prod:4444\",\"user\":\"operator\"}]}");
        assertThat(store.loadOpen()).isEmpty();
    }
}
