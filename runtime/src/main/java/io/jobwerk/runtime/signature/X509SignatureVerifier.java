package io.jobwerk.runtime.signature;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.SignedString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Verifies JS7's X.509 signatures ({@code "TYPE":"X509"}) against the trusted certificates of a
 * directory (JS7's {@code trusted-x509-keys}): every {@code *.pem}, {@code *.crt} or {@code *.cer}
 * file there, each holding one or more certificates (PEM or DER).
 *
 * <p>The signer is found as JS7 does: by the {@code signerCertificate} the signature carries, which
 * must be trusted itself or issued by a trusted certificate (a trusted root CA suffices); else by
 * {@code signerId}, the distinguished name of a trusted certificate; else any trusted certificate
 * whose key verifies. The signed bytes are the item's JSON text as UTF-8. The {@code algorithm}
 * defaults to SHA512 with the key's algorithm ({@code SHA512withRSA}, {@code SHA512withECDSA}).
 * Expired certificates are accepted, as JS7 does by default ({@code allow-expired-certificates}).
 * PGP signatures are refused with a clear problem: this verifier does not read PGP keys.
 */
public final class X509SignatureVerifier implements SignatureVerifier {

    private final Path directory;
    private final List<X509Certificate> trusted;

    private X509SignatureVerifier(Path directory, List<X509Certificate> trusted) {
        this.directory = directory;
        this.trusted = List.copyOf(trusted);
    }

    /** The verifier trusting the certificates in {@code directory}, or a problem naming the file that is not one. */
    public static Checked<X509SignatureVerifier> load(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Checked.fail(Problem.of("TrustedKeysMissing", "Trusted X.509 keys directory " + directory + " does not exist",
                    Map.of("directory", directory.toString())));
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{pem,crt,cer}")) {
            for (Path file : files) {
                Checked<List<X509Certificate>> read = readCertificates(file);
                if (read.isFail()) {
                    return Checked.fail(read.problemOption().orElseThrow());
                }
                certificates.addAll(read.orThrow());
            }
        } catch (IOException e) {
            return Checked.fail(Problem.of("TrustedKeysUnreadable", "Trusted X.509 keys directory " + directory
                    + " cannot be read: " + e.getMessage(), Map.of("directory", directory.toString())));
        }
        if (certificates.isEmpty()) {
            return Checked.fail(Problem.of("TrustedKeysMissing", "Trusted X.509 keys directory " + directory
                    + " holds no certificate (*.pem, *.crt, *.cer)", Map.of("directory", directory.toString())));
        }
        return Checked.ok(new X509SignatureVerifier(directory, certificates));
    }

    private static Checked<List<X509Certificate>> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> result.add((X509Certificate) c));
            if (result.isEmpty()) {
                return notACertificate(file, "no certificate found");
            }
            return Checked.ok(result);
        } catch (IOException | CertificateException e) {
            return notACertificate(file, e.getMessage());
        }
    }

    private static <T> Checked<T> notACertificate(Path file, String why) {
        return Checked.fail(Problem.of("TrustedKeyInvalid", "Trusted key file " + file + " is not an X.509 certificate: " + why,
                Map.of("file", file.toString())));
    }

    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    @Override
    public boolean acceptsUnsigned() {
        return false;
    }

    @Override
    public Checked<SignedString> verify(SignedString signed) {
        SignedString.Signature signature = signed.signature();
        if (!signature.typeName().equals("X509")) {
            return Checked.fail(Problem.of("SignatureTypeUnsupported", "A signature of TYPE '" + signature.typeName()
                    + "' cannot be verified: this server trusts X.509 certificates only (" + directory + ")"));
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getMimeDecoder().decode(signature.signatureString());
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("SignatureInvalid", "signatureString is not base64: " + e.getMessage()));
        }
        Checked<List<X509Certificate>> signers = candidateSigners(signature);
        if (signers.isFail()) {
            return Checked.fail(signers.problemOption().orElseThrow());
        }
        byte[] data = signed.string().getBytes(StandardCharsets.UTF_8);
        for (X509Certificate signer : signers.orThrow()) {
            Checked<Boolean> verified = verifies(signer.getPublicKey(), signature.algorithm(), data, signatureBytes);
            if (verified.isFail()) {
                return Checked.fail(verified.problemOption().orElseThrow());
            }
            if (verified.orThrow()) {
                return Checked.ok(signed);
            }
        }
        return Checked.fail(Problem.of("SignatureInvalid", "The signature does not match the signed item for "
                + (signers.orThrow().size() == 1 ? "signer " + signers.orThrow().get(0).getSubjectX500Principal().getName()
                        : "any of the " + signers.orThrow().size() + " trusted certificates")));
    }

    private Checked<List<X509Certificate>> candidateSigners(SignedString.Signature signature) {
        if (signature.signerCertificate().isPresent()) {
            Checked<X509Certificate> certificate = parseCertificate(signature.signerCertificate().get());
            return certificate.flatMap(this::trustedSigner).map(List::of);
        }
        if (signature.signerId().isPresent()) {
            X500Principal id;
            try {
                id = new X500Principal(signature.signerId().get());
            } catch (IllegalArgumentException e) {
                return Checked.fail(Problem.of("SignatureInvalid", "signerId '" + signature.signerId().get()
                        + "' is not a distinguished name: " + e.getMessage()));
            }
            List<X509Certificate> matching = trusted.stream().filter(c -> c.getSubjectX500Principal().equals(id)).toList();
            if (matching.isEmpty()) {
                return Checked.fail(Problem.of("SignerNotTrusted", "Signer '" + signature.signerId().get()
                        + "' has no trusted certificate in " + directory));
            }
            return Checked.ok(matching);
        }
        return Checked.ok(trusted);
    }

    private static Checked<X509Certificate> parseCertificate(String text) {
        byte[] bytes = text.contains("-----BEGIN")
                ? text.getBytes(StandardCharsets.US_ASCII)
                : decodeBase64OrNull(text);
        if (bytes == null) {
            return Checked.fail(Problem.of("SignatureInvalid", "signerCertificate is neither PEM nor base64 DER"));
        }
        try {
            return Checked.ok((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (CertificateException e) {
            return Checked.fail(Problem.of("SignatureInvalid", "signerCertificate is not an X.509 certificate: " + e.getMessage()));
        }
    }

    private static byte[] decodeBase64OrNull(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate, when it is trusted itself or was issued (signed) by a trusted certificate. */
    private Checked<X509Certificate> trustedSigner(X509Certificate certificate) {
        for (X509Certificate t : trusted) {
            if (t.equals(certificate)) {
                return Checked.ok(certificate);
            }
        }
        for (X509Certificate issuer : trusted) {
            if (issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && issuedBy(certificate, issuer.getPublicKey())) {
                return Checked.ok(certificate);
            }
        }
        return Checked.fail(Problem.of("SignerNotTrusted", "The signer certificate '" + certificate.getSubjectX500Principal().getName()
                + "' (issued by '" + certificate.getIssuerX500Principal().getName() + "') is neither trusted nor issued by a trusted certificate in "
                + directory));
    }

    private static boolean issuedBy(X509Certificate certificate, PublicKey issuerKey) {
        try {
            certificate.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Checked<Boolean> verifies(PublicKey key, Optional<String> algorithm, byte[] data, byte[] signatureBytes) {
        String name = algorithm.orElseGet(() -> defaultAlgorithm(key.getAlgorithm()));
        Signature verifier;
        try {
            verifier = Signature.getInstance(name);
        } catch (GeneralSecurityException e) {
            return Checked.fail(Problem.of("SignatureAlgorithmUnknown", "Signature algorithm '" + name + "' is not known"));
        }
        try {
            verifier.initVerify(key);
            verifier.update(data);
            return Checked.ok(verifier.verify(signatureBytes));
        } catch (GeneralSecurityException e) {
            // a key of another type, or signature bytes in the wrong shape: this key did not sign it
            return Checked.ok(false);
        }
    }

    /** The signature algorithm for a key of {@code keyAlgorithm} when a signature names none (also what signers use). */
    public static String defaultAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA512withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> "SHA512with" + keyAlgorithm;
        };
    }
}
