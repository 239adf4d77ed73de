package dev.larder.deploy.opensearch;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The node's own small PKI, made on the first start and reused after: a root CA, a node certificate (transport and
 * HTTP TLS; SAN 127.0.0.1 and localhost) and an administrator certificate (the security plugin's "admin DN", which
 * may change its protected configuration). The security plugin refuses to run without TLS on the transport layer and
 * refuses its own well-known demo certificates, so every data directory gets certificates nobody else has.
 *
 * <p>Files in the config directory: {@value #CA}, {@value #NODE}, {@value #NODE_KEY}, {@value #ADMIN},
 * {@value #ADMIN_KEY}. Keys are unencrypted PKCS#8 PEM (what the plugin reads) and readable by the owner only.
 * Clients trust {@value #CA}.
 */
final class NodeCertificates {

    static final String CA = "root-ca.pem";
    static final String NODE = "node.pem";
    static final String NODE_KEY = "node-key.pem";
    static final String ADMIN = "admin.pem";
    static final String ADMIN_KEY = "admin-key.pem";

    static final String NODE_DN = "CN=larder-opensearch-node,OU=larder,O=larder";
    static final String ADMIN_DN = "CN=larder-opensearch-admin,OU=larder,O=larder";
    private static final String CA_DN = "CN=larder-opensearch-root-ca,OU=larder,O=larder";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeCertificates() {
    }

    /** Writes the five files into {@code configDir} unless {@value #CA} is already there. */
    static void ensure(Path configDir) throws IOException, GeneralSecurityException {
        if (Files.exists(configDir.resolve(CA)) && Files.exists(configDir.resolve(NODE_KEY))) {
            return;
        }
        try {
            KeyPair caKeys = rsa();
            X509Certificate ca = sign(new X500Name(CA_DN), caKeys, new X500Name(CA_DN), caKeys.getPublic(),
                    caKeys.getPrivate(), true, List.of());
            KeyPair nodeKeys = rsa();
            X509Certificate node = sign(new X500Name(CA_DN), caKeys, new X500Name(NODE_DN), nodeKeys.getPublic(),
                    caKeys.getPrivate(), false, List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")));
            KeyPair adminKeys = rsa();
            X509Certificate admin = sign(new X500Name(CA_DN), caKeys, new X500Name(ADMIN_DN), adminKeys.getPublic(),
                    caKeys.getPrivate(), false, List.of());
            write(configDir.resolve(NODE), node);
            writeKey(configDir.resolve(NODE_KEY), nodeKeys.getPrivate());
            write(configDir.resolve(ADMIN), admin);
            writeKey(configDir.resolve(ADMIN_KEY), adminKeys.getPrivate());
            write(configDir.resolve(CA), ca); // last: its presence means "all done"
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the node's certificates", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
            java.security.PublicKey subjectKey, PrivateKey signingKey, boolean ca, List<GeneralName> sans)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, subjectKey);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        if (ca) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.nonRepudiation));
            // Transport TLS is mutual: each node is server and client to the others (and to itself).
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void write(Path file, Object pemObject) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pemObject);
        }
        Files.writeString(file, text.toString());
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        OwnerOnlyFiles.write(file, text.toString());
    }
}
