package dev.switchboard.broker.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in the test (BouncyCastle): a CA, and leaf certificates it signs, written as PEM files. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }

        /** Writes the certificate and the PKCS#8 private key as PEM. */
        public void writePem(Path certFile, Path keyFile) throws IOException {
            Path certTmp = certFile.resolveSibling(certFile.getFileName() + ".tmp");
            Path keyTmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
            Files.writeString(certTmp, pem(certificate));
            Files.writeString(keyTmp, pem(keys.getPrivate()));
            Files.move(keyTmp, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(certTmp, certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private TestCertificates() {}

    public static Issued authority(String name) throws Exception {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        var builder = new JcaX509v3CertificateBuilder(
                        subject, serial(), notBefore(), notAfter(), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Issued(keys, sign(builder, keys));
    }

    /** A leaf for {@code 127.0.0.1} and {@code localhost}, signed by {@code ca}. */
    public static Issued leaf(Issued ca, String name) throws Exception {
        KeyPair keys = keyPair();
        var builder = new JcaX509v3CertificateBuilder(
                        ca.certificate(),
                        serial(),
                        notBefore(),
                        notAfter(),
                        new X500Name("CN=" + name),
                        keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
        return new Issued(keys, sign(builder, ca.keys()));
    }

    /** A client context trusting {@code ca}, presenting {@code client} when given. */
    public static SSLContext clientContext(Issued ca, Issued client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "client", client.keys().getPrivate(), new char[0], new X509Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** The subject of the certificate a TLS server on 127.0.0.1:{@code port} presents to a new connection. */
    public static String servedSubject(SSLContext client, int port) throws IOException {
        try (javax.net.ssl.SSLSocket socket =
                (javax.net.ssl.SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        }
    }

    /** GET {@code path} on a new TLS connection; the status line, or an IOException when the handshake or read fails. */
    public static String statusLine(SSLContext client, int port, String path) throws IOException {
        try (javax.net.ssl.SSLSocket socket =
                (javax.net.ssl.SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
            if (status == null) {
                throw new IOException("connection closed without an answer");
            }
            return status;
        }
    }

    public static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(
                    object instanceof java.security.PrivateKey key
                            ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
                            : object);
        }
        return out.toString();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair signer)
            throws Exception {
        var signerBuilder = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signerBuilder));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    }
}
