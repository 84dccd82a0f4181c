package dev.switchboard.broker.delivery;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust of a trigger with {@code switchboard.dev/ca-bundle} (docs/security.md): the JVM's trusted CAs plus every
 * certificate of the PEM file, for that trigger's {@code https://} subscriber and dead-letter sink only. Host
 * names are still verified. Problems name the file and what is wrong with it, never its contents.
 */
public final class CaBundleTrust {
    private CaBundleTrust() {}

    /**
     * Trust options for the Vert.x client: the JVM's default trust anchors and the certificates of {@code pem}.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    static TrustOptions read(Path pem) {
        List<X509Certificate> bundle = certificates(pem);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : jvmAnchors()) {
                store.setCertificateEntry("jvm-" + i++, anchor);
            }
            for (X509Certificate certificate : bundle) {
                store.setCertificateEntry("bundle-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return TrustOptions.wrap(factory);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "ca-bundle " + pem + " cannot be used: " + e.getClass().getSimpleName(), e);
        }
    }

    /** What is wrong with {@code pem} as a CA bundle, or empty when it can be read and holds certificates. */
    public static Optional<String> problem(Path pem) {
        try {
            certificates(pem);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path pem) {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(pem)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("ca-bundle " + pem + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "ca-bundle " + pem + " cannot be read: " + e.getClass().getSimpleName(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ca-bundle " + pem + " is not a PEM file of certificates", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("ca-bundle " + pem + " holds no certificate");
        }
        return certificates;
    }

    private static List<X509Certificate> jvmAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> anchors = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                anchors.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return anchors;
    }
}
