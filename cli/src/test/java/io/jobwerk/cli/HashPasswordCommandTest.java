package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a console (as under the test runner) the password is the first line of stdin. */
class HashPasswordCommandTest {

    @Test
    void printsAHashThatVerifiesThePasswordFromStdin() {
        Cli.Result result = withStdin("pass word ü\nsecond line\n", "hash-password");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).matches("pbkdf2-sha256:120000:\\S+\n");
        PasswordHash hash = PasswordHash.parse(result.out().strip()).orThrow();
        assertThat(hash.matches("pass word ü")).isTrue();
        assertThat(hash.matches("pass word")).isFalse();
    }

    @Test
    void withUserPrintsAUsersFileLine() {
        Cli.Result result = withStdin("op-secret\n", "hash-password", "--user", "operator", "--permission", "ControlOrder",
                "--permission", "ReadMetrics");
        assertThat(result.exitCode()).as(result.err()).isZero();
        UserAccount operator = UsersFile.parse(result.out(), "output").orThrow().authenticate("operator", "op-secret").orElseThrow();
        assertThat(operator.permissions()).containsExactlyInAnyOrder(Permission.ControlOrder, Permission.ReadMetrics);
    }

    @Test
    void permissionWithoutUserIsAUsageError() {
        Cli.Result result = withStdin("x\n", "hash-password", "--permission", "Super");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("jobwerk hash-password: --permission needs --user NAME\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aNameAUsersFileCannotHoldIsRefused() {
        Cli.Result result = withStdin("x\n", "hash-password", "--user", "a:b");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("jobwerk hash-password: --user: a user name must not be empty, start with '#', "
                + "or contain '=', ':' or white space\n");
    }

    @Test
    void anEmptyOrMissingPasswordIsRefused() {
        assertThat(withStdin("\n", "hash-password").err()).isEqualTo("jobwerk hash-password: the password is empty\n");
        Cli.Result none = withStdin("", "hash-password");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("jobwerk hash-password: no password on stdin (no console to ask on)\n");
        assertThat(none.out()).isEmpty();
    }

    private static Cli.Result withStdin(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(original);
        }
    }
}
