package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.runtime.signature.SignatureVerifier;
import io.jobwerk.runtime.signature.X509SignatureVerifier;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --trusted-keys DIR} of the commands that start a Controller: the signed-deployment switch. */
final class TrustedKeysOption {

    @Option(names = "--trusted-keys", paramLabel = "DIR",
            description = "Accept only workflows signed by an X.509 certificate in DIR (*.pem, *.crt, *.cer) or issued by one; "
                    + "without it, unsigned workflows are accepted.")
    Path trustedKeys;

    /**
     * Accepting unsigned workflows without the option; else the certificates of DIR. A DIR that cannot
     * be read or holds no certificate is a usage error of {@code command}.
     */
    SignatureVerifier signatures(CommandSpec command) {
        if (trustedKeys == null) {
            return SignatureVerifier.acceptingUnsigned();
        }
        Checked<X509SignatureVerifier> loaded = X509SignatureVerifier.load(trustedKeys);
        if (loaded.isFail()) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--trusted-keys: " + loaded.problemOption().orElseThrow().message());
        }
        return loaded.orThrow();
    }
}
