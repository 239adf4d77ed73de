package dev.larder.deploy.opensearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The security plugin's initial configuration ({@code <config>/opensearch-security/*.yml}), which the plugin loads
 * into its {@code .opendistro_security} index on the first start ({@code
 * plugins.security.allow_default_init_securityindex}); later starts use the index and ignore these files.
 *
 * <p>Deliberately smaller than the plugin's sample configuration: one authentication domain (HTTP basic against the
 * internal user database), one user ({@value #ADMIN_USER}, mapped to the built-in {@code all_access} role), and
 * <b>no</b> sample mappings. In particular the sample maps every user to {@code own_index} (full access to an index
 * named like the user), which would undo tenant isolation; here a user can do only what a role mapped to it allows.
 */
final class SecurityConfig {

    static final String ADMIN_USER = "admin";
    static final String DIR = "opensearch-security";

    private SecurityConfig() {
    }

    static void write(Path configDir, String adminPassword) throws IOException {
        Path dir = configDir.resolve(DIR);
        Files.createDirectories(dir);
        Map<String, String> files = Map.of(
                "config.yml", meta("config") + """
                        config:
                          dynamic:
                            http:
                              anonymous_auth_enabled: false
                            authc:
                              basic_internal_auth_domain:
                                description: "HTTP basic against the internal user database"
                                http_enabled: true
                                transport_enabled: true
                                order: 0
                                http_authenticator:
                                  type: basic
                                  challenge: true
                                authentication_backend:
                                  type: intern
                        """,
                "internal_users.yml", meta("internalusers") + ADMIN_USER + ":\n"
                        + "  hash: \"" + bcrypt(adminPassword) + "\"\n"
                        + "  reserved: true\n"
                        + "  backend_roles: [\"admin\"]\n"
                        + "  description: \"the cluster administrator Larder registers\"\n",
                "roles_mapping.yml", meta("rolesmapping") + """
                        all_access:
                          reserved: true
                          backend_roles: ["admin"]
                          description: "the administrator only"
                        """,
                "roles.yml", meta("roles"),
                "action_groups.yml", meta("actiongroups"),
                "tenants.yml", meta("tenants"),
                "nodes_dn.yml", meta("nodesdn"),
                "allowlist.yml", meta("allowlist") + "config:\n  enabled: false\n",
                "audit.yml", meta("audit") + "config:\n  enabled: false\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static String meta(String type) {
        return "_meta:\n  type: \"" + type + "\"\n  config_version: 2\n";
    }

    private static String bcrypt(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 12);
    }
}
