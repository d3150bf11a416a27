package io.jobwerk.engine.item;

import java.util.Objects;
import java.util.Optional;

/**
 * A signed item as deployed: the item's JSON text exactly as it was signed, and its signature.
 * The text is kept byte for byte, because a signature is valid only for the very string it signed.
 *
 * <p>A workflow deployed without a signature (standalone mode, {@code AddOrChangeSimple}) has no
 * {@code SignedString}; where a JS7 shape needs one, the signature's TYPE is {@link #UNSIGNED}.
 */
public record SignedString(String string, Signature signature) {

    /** Signature TYPE Jobwerk writes for a workflow that was deployed without a signature. */
    public static final String UNSIGNED = "Unsigned";

    public SignedString {
        Objects.requireNonNull(string, "string");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * JS7's {@code GenericSignature}: {@code TYPE} ({@code PGP}, {@code X509}, {@code Silly} …),
     * {@code signatureString} (base64 or armored), and for X.509 the optional {@code algorithm},
     * {@code signerId} and {@code signerCertificate}. Not verified here: servers verify.
     */
    public record Signature(String typeName, String signatureString, Optional<String> algorithm, Optional<String> signerId,
                            Optional<String> signerCertificate) {
        public Signature {
            Objects.requireNonNull(typeName, "typeName");
            if (typeName.isEmpty()) {
                throw new IllegalArgumentException("Signature TYPE must not be empty");
            }
            Objects.requireNonNull(signatureString, "signatureString");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(signerId, "signerId");
            Objects.requireNonNull(signerCertificate, "signerCertificate");
        }

        public Signature(String typeName, String signatureString) {
            this(typeName, signatureString, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
