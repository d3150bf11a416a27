package io.jobwerk.runtime.signature;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.SignedString;

/**
 * Decides whether a deployed item's signature is trusted: the configuration switch of signed
 * deployment. {@link #acceptingUnsigned()} takes every item as it comes (standalone and development
 * set-ups); {@link X509SignatureVerifier} accepts only items signed by a trusted X.509 certificate and
 * refuses unsigned workflows.
 */
public sealed interface SignatureVerifier permits SignatureVerifier.AcceptingUnsigned, X509SignatureVerifier {

    /** Ok when {@code signed} was signed by a trusted key; else a problem naming why not. */
    Checked<SignedString> verify(SignedString signed);

    /** Whether items may be deployed without a signature ({@code AddOrChangeSimple} workflows). */
    boolean acceptsUnsigned();

    static SignatureVerifier acceptingUnsigned() {
        return AcceptingUnsigned.INSTANCE;
    }

    /** No verification: what is deployed is trusted because the deploying user is. */
    enum AcceptingUnsigned implements SignatureVerifier {
        INSTANCE;

        @Override
        public Checked<SignedString> verify(SignedString signed) {
            return Checked.ok(signed);
        }

        @Override
        public boolean acceptsUnsigned() {
            return true;
        }
    }
}
