package dev.larder.backend.datachange.rest;

import dev.larder.backend.common.web.Page;
import dev.larder.backend.datachange.service.DataChangeService;
import dev.larder.backend.datachange.service.DataChangeViews.CheckResult;
import dev.larder.backend.datachange.service.DataChangeViews.DataChangeView;
import dev.larder.backend.datachange.service.DataChangeViews.NewDataChange;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reviewed data changes: check, submit for approval, execute, roll back. */
@Path("/api/v1/datastores/{id}/data-changes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DataChangeResource {

    /** A reason for a rollback request. */
    public record RollbackRequest(String reason) {
    }

    @Inject
    DataChangeService changes;

    @POST
    @Path("/check")
    @Operation(summary = "Check statements and estimate the rows they touch; nothing is recorded")
    public CheckResult check(@PathParam("id") long id, NewDataChange request) {
        return changes.check(id, request);
    }

    @POST
    @Operation(summary = "Submit a data change for approval (or as a draft)", description = "422 with the broken"
            + " rules when the statements are not acceptable.")
    public Response submit(@PathParam("id") long id, NewDataChange request) {
        DataChangeView change = changes.submit(id, request);
        return Response.created(URI.create("/api/v1/datastores/" + id + "/data-changes/" + change.id()))
                .entity(change).build();
    }

    @GET
    public Page<DataChangeView> list(@PathParam("id") long id, @QueryParam("state") String state,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return changes.list(id, state, page, size);
    }

    @GET
    @Path("/{changeId}")
    public DataChangeView get(@PathParam("id") long id, @PathParam("changeId") long changeId) {
        return changes.get(id, changeId);
    }

    @POST
    @Path("/{changeId}/submit")
    @Operation(summary = "Send a draft for approval")
    public DataChangeView submitDraft(@PathParam("id") long id, @PathParam("changeId") long changeId) {
        return changes.submitDraft(id, changeId);
    }

    @POST
    @Path("/{changeId}/execute")
    @Operation(summary = "Run an approved change (requester or platform-admin); 202, poll for the outcome")
    public Response execute(@PathParam("id") long id, @PathParam("changeId") long changeId) {
        return Response.accepted(changes.execute(id, changeId)).build();
    }

    @POST
    @Path("/{changeId}/rollback")
    @Operation(summary = "Ask to undo an executed change from its before-image; it goes through approval",
            description = "409 naming the rows that changed since the change ran.")
    public Response rollback(@PathParam("id") long id, @PathParam("changeId") long changeId,
            RollbackRequest request) {
        DataChangeView rollback = changes.rollback(id, changeId, request == null ? null : request.reason());
        return Response.created(URI.create("/api/v1/datastores/" + id + "/data-changes/" + rollback.id()))
                .entity(rollback).build();
    }
}
