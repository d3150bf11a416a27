package io.jobwerk.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsersFileTest {

    @TempDir
    Path dir;

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
            "ad:min = plain:x          | users.conf, line 1: a user name must not be empty, start with '#', or contain '=', ':' or white space",
            "ad min = plain:x          | users.conf, line 1: a user name must not be empty, start with '#', or contain '=', ':' or white space",
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

    @Test
    void aLineIsReadBackAsTheSameUser() {
        String line = UsersFile.line("operator", PasswordHash.hash("op-secret", 1000),
                List.of(Permission.ControlOrder, Permission.ReadMetrics, Permission.ControlOrder)).orThrow();
        assertThat(line).matches("operator = pbkdf2-sha256:1000:\\S+ ControlOrder ReadMetrics");
        UserAccount operator = UsersFile.parse(line, "f").orThrow().authenticate("operator", "op-secret").orElseThrow();
        assertThat(operator.permissions()).containsExactlyInAnyOrder(Permission.ControlOrder, Permission.ReadMetrics);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "a=b", "#a", "a\tb"})
    void aNameAUsersFileCannotHoldIsRefused(String name) {
        assertThat(UsersFile.line(name, PasswordHash.hash("x", 1000), List.of()).problemOption().orElseThrow().code())
                .isEqualTo("InvalidUserName");
    }

    @Test
    void readNamesTheFileAndLine() throws Exception {
        Path file = dir.resolve("users.conf");
        assertThat(UsersFile.read(file).problemOption().orElseThrow().message()).isEqualTo("users file " + file + ": no such file");
        Files.writeString(file, "# users\nadmin = plain:x Boss\n");
        assertThat(UsersFile.read(file).problemOption().orElseThrow().message()).startsWith("users file " + file + ", line 2: unknown permission 'Boss'");
        assertThat(UsersFile.read(dir).problemOption().orElseThrow().message()).startsWith("users file " + dir + ": ");
    }

    @Test
    void readWarnsWhenGroupOrOthersMayAccessTheFile() throws Exception {
        Path file = dir.resolve("users.conf");
        Files.writeString(file, "admin = plain:x Super\n");
        Logger logger = Logger.getLogger(UsersFile.class.getName());
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override public void publish(LogRecord r) { warnings.add(r.getLevel() + " " + r.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        logger.addHandler(handler);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertThat(UsersFile.read(file).isOk()).isTrue();
            assertThat(warnings).isEmpty();

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            assertThat(UsersFile.read(file).isOk()).isTrue();
            assertThat(warnings).containsExactly("WARNING users file " + file + " is accessible by group or others (rw-r-----); "
                    + "let only the server's user read it: chmod 600 " + file);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
