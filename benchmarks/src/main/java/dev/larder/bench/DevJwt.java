package dev.larder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JWT for a person, signed RS256 with the dev profile's private key (deploy/local/dev-jwt-private.pem, whose public
 * half the backend's dev profile trusts), with plain JDK crypto. Only for the dev profile.
 */
final class DevJwt {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private DevJwt() {
    }

    /** A token for {@code email} in {@code groups}, issued by {@code larder-dev}, valid for an hour. */
    static String person(Path privateKeyPem, String email, List<String> groups) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "larder-dev");
        claims.put("sub", email);
        claims.put("upn", email);
        claims.put("email", email);
        claims.put("groups", groups);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String signed = B64URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT"))) + "."
                + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey(privateKeyPem));
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64URL.encodeToString(rsa.sign());
    }

    /** An unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PKCS#8 PEM private key");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(base64)));
    }
}
