package dev.larder.backend.access.rest;

import dev.larder.backend.access.service.AccessService;
import dev.larder.backend.access.service.AccessViews.AccessView;
import dev.larder.backend.access.service.AccessViews.NewAccessRequest;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Asking for time-boxed access to one datastore. */
@Path("/api/v1/datastores/{id}/access-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessRequestResource {

    @Inject
    AccessService access;

    @POST
    @Operation(summary = "Ask for read or write access for a while", description = "Goes to approval; with"
            + " breakGlass=true (prod emergencies, short) it is active at once and opens a review instead.")
    public Response request(@PathParam("id") long id, NewAccessRequest request) {
        AccessView grant = access.request(id, request == null ? new NewAccessRequest(null, null, null, null, null)
                : request);
        return Response.created(URI.create("/api/v1/access-grants/" + grant.id())).entity(grant).build();
    }
}
