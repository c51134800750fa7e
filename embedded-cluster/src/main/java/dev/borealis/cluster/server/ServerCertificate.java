package dev.borealis.cluster.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The TLS identity of a cluster's endpoints: a supplied PKCS12 key store, or a self-signed RSA
 * certificate made at start whose subject alternative names cover the cluster's hostnames. The JDK
 * offers no public API to build certificates, so the TBSCertificate is DER-encoded here and signed
 * with {@link Signature}.
 */
final class ServerCertificate {

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final char[] IN_MEMORY_PASSWORD = "borealis".toCharArray();

    private ServerCertificate() {
    }

    /** Key generation is the slow part; one key pair per JVM serves every cluster's certificate. */
    private static final class Keys {
        static final KeyPair PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA key generation is unavailable", e);
            }
        }
    }

    static SSLContext fromKeyStore(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return context(store, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("key store " + file + ": cannot be used: " + e.getMessage(), e);
        }
    }

    static SSLContext selfSigned(String commonName, List<String> dnsNames) throws IOException {
        try {
            X509Certificate certificate = create(Keys.PAIR, commonName, dnsNames);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", Keys.PAIR.getPrivate(), IN_MEMORY_PASSWORD, new Certificate[] {certificate});
            return context(store, IN_MEMORY_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create a self-signed certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    static X509Certificate create(KeyPair keys, String commonName, Collection<String> dnsNames)
            throws GeneralSecurityException, IOException {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.utcTime(UTC_TIME.format(now.minusDays(1))), Der.utcTime(UTC_TIME.format(now.plusYears(1)))),
                name,
                keys.getPublic().getEncoded(),
                Der.explicit(3, Der.sequence(subjectAltNames(dnsNames))));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] subjectAltNames(Collection<String> dnsNames) throws IOException {
        List<byte[]> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(Der.implicit(2, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        names.add(Der.implicit(7, InetAddress.getByName("127.0.0.1").getAddress()));
        return Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octets(Der.sequence(names.toArray(byte[][]::new))));
    }
}
