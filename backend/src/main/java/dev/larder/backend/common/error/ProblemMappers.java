package dev.larder.backend.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.larder.backend.common.web.RequestMetadata;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as application/problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestMetadata request;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, e.violations());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "Your identity is not allowed to do this.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(400, "Invalid request", "The body is not valid JSON for this endpoint: "
                + e.getOriginalMessage(), uri, List.of(new Violation("body", "json.syntax", e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String detail = status == 404 ? "No such resource: " + uri.getPath() : e.getMessage();
        return respond(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return respond(409, "Conflict", "This conflicts with a record that was created at the same time;"
                        + " look it up before trying again.", uri, List.of());
            }
        }
        LOG.errorf("Unexpected error (correlation id %s): %s", request.correlationId(), e.getClass().getName());
        LOG.debug("Unexpected error", e);
        return respond(500, "Internal error", "Larder failed unexpectedly; quote correlation id "
                + request.correlationId() + " to the datastore team.", uri, List.of());
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(401, "Unauthorized",
                "A valid bearer token is required: a JWT from your identity provider or a Larder service token.",
                uri, List.of())).header("WWW-Authenticate", "Bearer").build();
    }

    private Response respond(int status, String title, String detail, UriInfo uri, List<Violation> violations) {
        Problem problem = new Problem("about:blank", title, status, detail, uri.getPath(),
                request.correlationId(), violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
