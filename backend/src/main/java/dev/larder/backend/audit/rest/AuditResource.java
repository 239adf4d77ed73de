package dev.larder.backend.audit.rest;

import dev.larder.backend.audit.service.AuditQuery;
import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.audit.service.AuditView;
import dev.larder.backend.audit.service.ChainVerification;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    @Inject
    Caller caller;

    @GET
    public Page<AuditView> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        caller.requirePlatformAdmin("read the audit trail");
        Page.check(page, size);
        return audit.list(new AuditQuery(actor, action, targetType, targetId, instant("from", from),
                instant("to", to)), page, size);
    }

    @GET
    @Path("/verify")
    public ChainVerification verify() {
        caller.requirePlatformAdmin("verify the audit trail");
        return audit.verify();
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "instant", "must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
        }
    }
}
