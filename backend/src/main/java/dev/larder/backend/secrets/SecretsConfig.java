package dev.larder.backend.secrets;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "larder.secrets")
public interface SecretsConfig {

    /**
     * Base64 of 32 random bytes (AES-256). Encrypts credentials and cluster admin passwords at rest.
     * Generate one with {@code openssl rand -base64 32}. Required in production.
     */
    String masterKey();
}
