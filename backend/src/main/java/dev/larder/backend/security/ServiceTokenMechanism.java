package dev.larder.backend.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Recognises the static service tokens from config. Any other bearer token falls through to the JWT mechanism,
 * which runs after this one.
 */
@ApplicationScoped
@Priority(2000)
public class ServiceTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ServiceTokenMechanism.class);
    public static final String SERVICE_PREFIX = "service:";

    private final Map<String, AuthConfig.ServiceToken> tokens;

    public ServiceTokenMechanism(AuthConfig config) {
        this.tokens = config.serviceTokens();
        tokens.forEach((name, token) -> {
            if (token.token().length() < 16) {
                throw new IllegalStateException("larder.auth.service-tokens." + name
                        + ".token must be at least 16 characters");
            }
        });
        LOG.infof("Service tokens configured: %s", tokens.keySet());
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, AuthConfig.ServiceToken> entry : tokens.entrySet()) {
            byte[] expected = entry.getValue().token().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(presented, expected)) {
                Set<String> roles = new HashSet<>(entry.getValue().roles().orElse(List.of()));
                if (entry.getValue().onBehalfOf()) {
                    roles.add(Roles.ON_BEHALF_OF);
                }
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(SERVICE_PREFIX + entry.getKey()))
                        .addRoles(roles)
                        .build());
            }
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return 2000;
    }
}
