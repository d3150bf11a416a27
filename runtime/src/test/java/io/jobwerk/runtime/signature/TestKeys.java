package io.jobwerk.runtime.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keys and certificates made with the JDK's own {@code keytool}, as an operator would make them. */
final class TestKeys {
    static final String PASSWORD = "changeit";

    private final Path dir;

    TestKeys(Path dir) {
        this.dir = dir;
    }

    /** A key pair with a self-signed certificate in {@code NAME.p12}. */
    Path keyPair(String name, String keyAlgorithm, String distinguishedName) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", keyAlgorithm, "-dname", distinguishedName, "-validity", "30",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD,
                "-ext", keyAlgorithm.equals("RSA") && name.contains("ca") ? "bc:c" : "ku=digitalSignature");
        return store;
    }

    /** The PEM certificate of {@code name}, signed by itself or (when {@code issuer} is given) by the issuer's key. */
    String certificatePem(String name, String issuer) throws Exception {
        Path store = dir.resolve(name + ".p12");
        if (issuer == null) {
            return keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD);
        }
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", name, "-file", request.toString(), "-keystore", store.toString(), "-storepass", PASSWORD);
        return keytool("-gencert", "-rfc", "-alias", issuer, "-infile", request.toString(), "-validity", "30",
                "-keystore", dir.resolve(issuer + ".p12").toString(), "-storepass", PASSWORD);
    }

    String sign(String name, String algorithm, String text) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign((PrivateKey) store.getKey(name, PASSWORD.toCharArray()));
        signature.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    private static String keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // a short JVM each: C2 would not pay
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
