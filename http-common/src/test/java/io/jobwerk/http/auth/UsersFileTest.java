package io.jobwerk.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsersFileTest {

    @Test
    void parsesUsersWithHashesAndPermissions() {
        String hash = PasswordHash.hash("secret", 1000).encoded();
        Users users = UsersFile.parse("""
                # users
                admin = %s Super

                viewer = plain:look
                """.formatted(hash), "users.conf").orThrow();
        assertThat(users.authenticate("admin", "secret")).hasValueSatisfying(a -> assertThat(a.may(Permission.UpdateItem)).isTrue());
        assertThat(users.authenticate("viewer", "look")).hasValueSatisfying(a -> {
            assertThat(a.may(Permission.ValidUser)).isTrue();
            assertThat(a.may(Permission.UpdateItem)).isFalse();
        });
        assertThat(users.authenticate("admin", "wrong")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "admin                     | users.conf, line 1: expected 'NAME = PASSWORD-HASH PERMISSION…'",
            "admin = secret Super      | users.conf, line 1: Password must be 'pbkdf2-sha256:…' or 'plain:…'",
            "admin = plain:x Boss      | users.conf, line 1: unknown permission 'Boss' (known: [ValidUser, ControlOrder, UpdateItem, ReadMetrics, AgentDirector, Super])",
            "admin = pbkdf2-sha256:1:x | users.conf, line 1: Password hash must be 'pbkdf2-sha256:ITERATIONS:SALT:HASH'",
    })
    void badLinesAreNamedWithoutEchoingSecrets(String line, String message) {
        var problem = UsersFile.parse(line, "users.conf").problemOption().orElseThrow();
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void duplicateUserIsAProblem() {
        assertThat(UsersFile.parse("a = plain:x\na = plain:y\n", "f").problemOption().orElseThrow().message())
                .isEqualTo("f, line 2: user 'a' is listed twice");
    }
}
