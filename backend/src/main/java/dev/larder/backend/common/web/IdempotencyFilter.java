package dev.larder.backend.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.error.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Honours the Idempotency-Key header on writes: the first request runs and its answer is kept; a retry with the
 * same key and the same body gets that answer again (header Idempotent-Replayed: true); the same key with a
 * different body is refused. Keys are per caller. Server errors are not kept, so they can be retried.
 */
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final String ROW = "larder.idempotency.row";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    IdempotencyStore store;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    @Inject
    RequestMetadata metadata;

    @ServerRequestFilter
    public Response before(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !WRITES.contains(request.getMethod())
                || resource.getResourceMethod().isAnnotationPresent(SensitiveResponse.class)) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            return problem(400, "Invalid Idempotency-Key", "Idempotency-Key must be 1 to 200 visible ASCII"
                    + " characters, e.g. a UUID.", request);
        }
        if (identity.isAnonymous()) {
            return null;
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String hash = sha256(request.getMethod(), path, body);
        IdempotencyStore.Outcome outcome = store.begin(identity.getPrincipal().getName(), key, request.getMethod(),
                path, hash);
        if (outcome instanceof IdempotencyStore.Proceed proceed) {
            request.setProperty(ROW, proceed.id());
            return null;
        }
        if (outcome instanceof IdempotencyStore.Replay replay) {
            return Response.status(replay.status()).type(replay.contentType()).entity(replay.body())
                    .header("Idempotent-Replayed", "true").build();
        }
        if (outcome instanceof IdempotencyStore.Mismatch) {
            return problem(422, "Idempotency-Key reused", "This Idempotency-Key was already used for a different"
                    + " request; use a new key for a new request.", request);
        }
        return problem(409, "Request in progress", "A request with this Idempotency-Key is still running; retry"
                + " in a moment.", request);
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        Object row = request.getProperty(ROW);
        if (row == null) {
            return;
        }
        long id = (Long) row;
        if (response.getStatus() >= 500) {
            store.forget(id);
            return;
        }
        MediaType type = response.getMediaType();
        String body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
        store.complete(id, response.getStatus(), type == null ? MediaType.APPLICATION_JSON : type.toString(), body);
    }

    private Response problem(int status, String title, String detail, ContainerRequestContext request) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", title, status,
                detail, request.getUriInfo().getPath(), metadata.correlationId(), List.of())).build();
    }

    private static String sha256(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
