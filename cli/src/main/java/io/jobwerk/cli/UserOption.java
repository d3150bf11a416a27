package io.jobwerk.cli;

import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import java.util.Set;
import picocli.CommandLine;

/** {@code --user NAME:PASSWORD}: a user with all permissions (the password stays in memory, as on the command line). */
final class UserOption implements CommandLine.ITypeConverter<UserAccount> {

    @Override
    public UserAccount convert(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("expected NAME:PASSWORD");
        }
        return new UserAccount(value.substring(0, colon), PasswordHash.plain(value.substring(colon + 1)), Set.of(Permission.Super));
    }
}
