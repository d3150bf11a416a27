package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.runtime.signature.SignatureVerifier;
import io.jobwerk.runtime.signature.X509SignatureVerifier;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --trusted-keys DIR} of the commands that start a Controller: the signed-deployment switch. */
final class TrustedKeysOption {

    @Option(names = "--trusted-keys", paramLabel = "DIR",
            description = "Accept only workflows signed by an X.509 certificate in DIR (*.pem, *.crt, *.cer) or issued by one; "
                    + "without it, unsigned workflows are accepted.")
    Path trustedKeys;

    /** Accepting unsigned workflows without the option; else the certificates of DIR, or the problem reading them. */
    Checked<SignatureVerifier> signatures() {
        return trustedKeys == null ? Checked.ok(SignatureVerifier.acceptingUnsigned())
                : X509SignatureVerifier.load(trustedKeys).map(v -> v);
    }
}
