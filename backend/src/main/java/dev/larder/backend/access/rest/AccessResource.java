package dev.larder.backend.access.rest;

import dev.larder.backend.access.service.AccessJobs;
import dev.larder.backend.access.service.AccessService;
import dev.larder.backend.access.service.AccessViews.AccessView;
import dev.larder.backend.access.service.AccessViews.EndRequest;
import dev.larder.backend.access.service.AccessViews.ReconcileReport;
import dev.larder.backend.access.service.AccessViews.RevealedAccess;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.common.web.SensitiveResponse;
import dev.larder.backend.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Access grants: look up, reveal once, cancel, revoke; the reconciler for admins. */
@Path("/api/v1/access-grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessResource {

    @Inject
    AccessService access;

    @Inject
    AccessJobs jobs;

    @Inject
    Caller caller;

    @GET
    public Page<AccessView> list(@QueryParam("datastoreId") Long datastoreId, @QueryParam("holder") String holder,
            @QueryParam("state") String state, @QueryParam("breakGlass") Boolean breakGlass,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return access.list(datastoreId, holder, state, breakGlass, page, size);
    }

    @GET
    @Path("/{grantId}")
    public AccessView get(@PathParam("grantId") long grantId) {
        return access.get(grantId);
    }

    @POST
    @Path("/{grantId}/reveal")
    @SensitiveResponse
    @Operation(summary = "The holder's one-time look at the personal credential")
    public RevealedAccess reveal(@PathParam("grantId") long grantId) {
        return access.reveal(grantId);
    }

    @POST
    @Path("/{grantId}/cancel")
    public AccessView cancel(@PathParam("grantId") long grantId) {
        return access.cancel(grantId);
    }

    @POST
    @Path("/{grantId}/revoke")
    @Operation(summary = "End an active grant now (holder, owning team, platform-admin)")
    public AccessView revoke(@PathParam("grantId") long grantId, EndRequest request) {
        return access.revoke(grantId, request == null ? null : request.reason());
    }

    @POST
    @Path("/reconcile")
    @Operation(summary = "Find and remove personal logins no grant accounts for (platform-admin)")
    public ReconcileReport reconcile() {
        caller.requirePlatformAdmin("run the access reconciler");
        return jobs.reconcile();
    }
}
