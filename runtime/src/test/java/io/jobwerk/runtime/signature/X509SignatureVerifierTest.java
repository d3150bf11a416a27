package io.jobwerk.runtime.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.SignedString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X509SignatureVerifierTest {
    private static final String WORKFLOW = "{\"TYPE\":\"Workflow\",\"path\":\"w\",\"versionId\":\"1\",\"instructions\":[]}";

    @TempDir
    static Path dir;
    static TestKeys keys;
    static Path trustedDir;
    static String signerPem;
    static String issuedPem;
    static String strangerPem;
    static X509SignatureVerifier verifier;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = new TestKeys(dir);
        keys.keyPair("signer", "RSA", "CN=Signer, O=Jobwerk");
        keys.keyPair("ca", "RSA", "CN=Jobwerk Root CA");
        keys.keyPair("issued", "EC", "CN=Deployer, O=Jobwerk");
        keys.keyPair("stranger", "EC", "CN=Stranger");
        signerPem = keys.certificatePem("signer", null);
        issuedPem = keys.certificatePem("issued", "ca");
        strangerPem = keys.certificatePem("stranger", null);
        trustedDir = Files.createDirectories(dir.resolve("trusted-x509-keys"));
        Files.writeString(trustedDir.resolve("signer.pem"), signerPem);
        Files.writeString(trustedDir.resolve("root-ca.crt"), keys.certificatePem("ca", null));
        verifier = X509SignatureVerifier.load(trustedDir).orThrow();
    }

    private static SignedString signed(String text, String signature, Optional<String> algorithm, Optional<String> signerId,
                                       Optional<String> certificate) {
        return new SignedString(text, new SignedString.Signature("X509", signature, algorithm, signerId, certificate));
    }

    private static Problem problem(Checked<?> checked) {
        assertThat(checked.isFail()).as("expected a problem, got %s", checked).isTrue();
        return checked.problemOption().orElseThrow();
    }

    @Test
    void trustsBothCertificatesOfTheDirectory() {
        assertThat(verifier.trustedCertificates()).hasSize(2);
        assertThat(verifier.acceptsUnsigned()).isFalse();
    }

    @Test
    void signatureOfATrustedSignerNamedBySignerIdVerifies() throws Exception {
        SignedString s = signed(WORKFLOW, keys.sign("signer", "SHA512withRSA", WORKFLOW), Optional.of("SHA512withRSA"),
                Optional.of("CN=Signer,O=Jobwerk"), Optional.empty());
        assertThat(verifier.verify(s).orThrow()).isEqualTo(s);
    }

    @Test
    void algorithmDefaultsToSha512WithTheKeysAlgorithm() throws Exception {
        SignedString s = signed(WORKFLOW, keys.sign("signer", "SHA512withRSA", WORKFLOW), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(verifier.verify(s).isOk()).isTrue();
    }

    @Test
    void aChangedItemNoLongerVerifies() throws Exception {
        String signature = keys.sign("signer", "SHA512withRSA", WORKFLOW);
        Problem p = problem(verifier.verify(signed(WORKFLOW.replace("\"w\"", "\"x\""), signature, Optional.empty(),
                Optional.of("CN=Signer, O=Jobwerk"), Optional.empty())));
        assertThat(p.code()).isEqualTo("SignatureInvalid");
        assertThat(p.message()).contains("CN=Signer");
    }

    @Test
    void certificateIssuedByATrustedRootIsTrusted() throws Exception {
        SignedString s = signed(WORKFLOW, keys.sign("issued", "SHA512withECDSA", WORKFLOW), Optional.of("SHA512withECDSA"),
                Optional.empty(), Optional.of(issuedPem));
        assertThat(verifier.verify(s).isOk()).isTrue();
    }

    @Test
    void certificateOfAStrangerIsNotTrustedEvenWhenTheSignatureMatchesIt() throws Exception {
        Problem p = problem(verifier.verify(signed(WORKFLOW, keys.sign("stranger", "SHA512withECDSA", WORKFLOW), Optional.empty(),
                Optional.empty(), Optional.of(strangerPem))));
        assertThat(p.code()).isEqualTo("SignerNotTrusted");
        assertThat(p.message()).contains("CN=Stranger").contains(trustedDir.toString());
    }

    @Test
    void signerIdWithoutTrustedCertificateIsNotTrusted() throws Exception {
        Problem p = problem(verifier.verify(signed(WORKFLOW, keys.sign("stranger", "SHA512withECDSA", WORKFLOW), Optional.empty(),
                Optional.of("CN=Stranger"), Optional.empty())));
        assertThat(p.code()).isEqualTo("SignerNotTrusted");
    }

    @Test
    void signatureByAnUntrustedKeyWithoutSignerMatchesNoTrustedCertificate() throws Exception {
        Problem p = problem(verifier.verify(signed(WORKFLOW, keys.sign("stranger", "SHA512withECDSA", WORKFLOW), Optional.empty(),
                Optional.empty(), Optional.empty())));
        assertThat(p.code()).isEqualTo("SignatureInvalid");
        assertThat(p.message()).contains("any of the 2 trusted certificates");
    }

    @Test
    void pgpAndUnsignedAreRefusedByName() {
        Problem pgp = problem(verifier.verify(new SignedString(WORKFLOW, new SignedString.Signature("PGP", "-----BEGIN PGP SIGNATURE-----"))));
        assertThat(pgp.code()).isEqualTo("SignatureTypeUnsupported");
        assertThat(pgp.message()).contains("'PGP'");
        assertThat(problem(verifier.verify(new SignedString(WORKFLOW, new SignedString.Signature(SignedString.UNSIGNED, "")))).code())
                .isEqualTo("SignatureTypeUnsupported");
    }

    @Test
    void malformedSignatureFieldsAreNamed() {
        assertThat(problem(verifier.verify(signed(WORKFLOW, "not base64 !", Optional.empty(), Optional.empty(), Optional.empty()))).message())
                .contains("signatureString is not base64");
        assertThat(problem(verifier.verify(signed(WORKFLOW, "AAAA", Optional.empty(), Optional.empty(), Optional.of("garbage")))).message())
                .contains("signerCertificate");
        assertThat(problem(verifier.verify(signed(WORKFLOW, "AAAA", Optional.of("NoSuchAlgorithm"), Optional.empty(), Optional.empty()))).code())
                .isEqualTo("SignatureAlgorithmUnknown");
        assertThat(problem(verifier.verify(signed(WORKFLOW, "AAAA", Optional.empty(), Optional.of("not a = = dn,,"), Optional.empty()))).message())
                .contains("signerId");
    }

    @Test
    void directoryWithoutCertificatesOrWithAFileThatIsNoneIsRefusedNamingIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(problem(X509SignatureVerifier.load(empty)).code()).isEqualTo("TrustedKeysMissing");
        assertThat(problem(X509SignatureVerifier.load(dir.resolve("absent"))).code()).isEqualTo("TrustedKeysMissing");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("oops.pem"), "this is not a certificate");
        Problem p = problem(X509SignatureVerifier.load(bad));
        assertThat(p.code()).isEqualTo("TrustedKeyInvalid");
        assertThat(p.message()).contains(bad.resolve("oops.pem").toString());
    }
}
