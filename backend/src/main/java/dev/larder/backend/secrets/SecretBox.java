package dev.larder.backend.secrets;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest. Each value gets a fresh 96-bit nonce; the context (what the secret belongs to)
 * is bound as associated data, so a ciphertext copied onto another row does not decrypt.
 * Stored form: {@code v1:<base64(nonce || ciphertext || tag)>}.
 */
@Startup
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretsConfig config) {
        this.key = new SecretKeySpec(decodeKey(config.masterKey()), "AES");
    }

    static byte[] decodeKey(String masterKey) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(masterKey == null ? "" : masterKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("larder.secrets.master-key is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("larder.secrets.master-key must be 32 bytes (AES-256) in base64, was "
                    + bytes.length + " bytes; generate one with: openssl rand -base64 32");
        }
        return bytes;
    }

    public String encrypt(Secret secret, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret: " + e.getClass().getSimpleName());
        }
    }

    public Secret decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored secret for " + context + " has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new Secret(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored secret for " + context
                    + " does not decrypt with the configured master key");
        }
    }

    /** A random password of letters and digits: safe in any client's command line and connection string. */
    public Secret newPassword(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new Secret(sb.toString());
    }
}
