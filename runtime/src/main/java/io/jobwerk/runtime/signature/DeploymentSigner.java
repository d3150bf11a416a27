package io.jobwerk.runtime.signature;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SignedString;
import io.jobwerk.engine.json.WorkflowJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signs the workflows of a deployment with an X.509 key from a PKCS#12 key store, as JS7's
 * "deploy with signature" does: each workflow becomes an {@code AddOrChangeSigned} whose signature
 * carries the algorithm and the signer's certificate, so a Controller started with
 * {@code --trusted-keys} accepts it when it trusts that certificate or its issuer.
 */
public final class DeploymentSigner {
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String algorithm;

    private DeploymentSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
        this.algorithm = X509SignatureVerifier.defaultAlgorithm(key.getAlgorithm());
    }

    /** The key {@code alias} of {@code keyStore} (the first key entry when no alias is given). */
    public static Checked<DeploymentSigner> load(Path keyStore, char[] password, Optional<String> alias) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Optional<String> chosen = alias.isPresent() ? alias : java.util.Collections.list(store.aliases()).stream()
                    .filter(a -> isKey(store, a)).findFirst();
            if (chosen.isEmpty() || !isKey(store, chosen.get())) {
                return Checked.fail(Problem.of("SigningKeyMissing", "Key store " + keyStore + " has no private key"
                        + alias.map(a -> " named '" + a + "'").orElse("")));
            }
            PrivateKey key = (PrivateKey) store.getKey(chosen.get(), password);
            return Checked.ok(new DeploymentSigner(key, (X509Certificate) store.getCertificate(chosen.get())));
        } catch (IOException | GeneralSecurityException e) {
            return Checked.fail(Problem.of("SigningKeyUnreadable", "Key store " + keyStore + " cannot be read: " + e.getMessage()));
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The operations with every unsigned workflow replaced by its signed form. */
    public Checked<List<ItemOperation>> sign(List<ItemOperation> operations) {
        List<ItemOperation> result = new ArrayList<>();
        for (ItemOperation op : operations) {
            if (op instanceof ItemOperation.AddOrChangeSimple simple
                    && simple.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow w) {
                Checked<SignedString> signed = sign(WorkflowJson.encodeItem(w.workflow()).toString());
                if (signed.isFail()) {
                    return Checked.fail(signed.problemOption().orElseThrow());
                }
                result.add(new ItemOperation.AddOrChangeSigned(signed.orThrow()));
            } else {
                result.add(op);
            }
        }
        return Checked.ok(result);
    }

    private Checked<SignedString> sign(String text) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Checked.ok(new SignedString(text, new SignedString.Signature("X509",
                    Base64.getEncoder().encodeToString(signature.sign()), Optional.of(algorithm), Optional.empty(), Optional.of(pem))));
        } catch (GeneralSecurityException e) {
            return Checked.fail(Problem.of("SigningFailed", "Cannot sign with " + algorithm + ": " + e.getMessage()));
        }
    }
}
