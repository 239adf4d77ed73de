package dev.larder.backend.datastore.rest;

import dev.larder.backend.common.web.Page;
import dev.larder.backend.common.web.SensitiveResponse;
import dev.larder.backend.datastore.service.DatastoreService;
import dev.larder.backend.datastore.service.DatastoreUsage;
import dev.larder.backend.datastore.service.DatastoreUsage.UsageView;
import dev.larder.backend.datastore.service.DatastoreViews.DatastoreFilter;
import dev.larder.backend.datastore.service.DatastoreViews.DatastoreView;
import dev.larder.backend.datastore.service.DatastoreViews.NewDatastore;
import dev.larder.backend.datastore.service.DatastoreViews.RevealedCredentials;
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

@Path("/api/v1/datastores")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatastoreResource {

    @Inject
    DatastoreService datastores;

    @Inject
    DatastoreUsage usage;

    @POST
    @Operation(summary = "Create a datastore", description = "Provisions it at once; the answer is READY, or FAILED"
            + " with the reason. Credentials are not in the answer: reveal them (audited).")
    public Response create(NewDatastore request) {
        DatastoreView created = datastores.create(request == null
                ? new NewDatastore(null, null, null, null, null, null, null) : request);
        return Response.created(URI.create("/api/v1/datastores/" + created.id())).entity(created).build();
    }

    @GET
    public Page<DatastoreView> list(@QueryParam("team") String team, @QueryParam("service") String service,
            @QueryParam("environment") String environment, @QueryParam("kind") String kind,
            @QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return datastores.list(new DatastoreFilter(team, service, environment, kind, state), page, size);
    }

    @GET
    @Path("/{id}")
    public DatastoreView get(@PathParam("id") long id) {
        return datastores.get(id);
    }

    @GET
    @Path("/{id}/usage")
    @Operation(summary = "What the datastore holds now", description = "Read live from its server: MySQL rows and"
            + " size per table and connections per login; Redis keys and memory; DynamoDB items and size; OpenSearch"
            + " docs and store size. The same numbers are Prometheus gauges larder_datastore_<measure>.")
    public UsageView usage(@PathParam("id") long id) {
        return usage.of(id);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Provision again a datastore that FAILED or was cut short")
    public DatastoreView retry(@PathParam("id") long id) {
        return datastores.retry(id);
    }

    @POST
    @Path("/{id}/credentials/rotate")
    @Operation(summary = "Give the datastore's login a new password; the old one stops working")
    public DatastoreView rotate(@PathParam("id") long id) {
        return datastores.rotate(id);
    }

    @POST
    @Path("/{id}/credentials/reveal")
    @SensitiveResponse
    @Operation(summary = "Show the datastore's credentials (owning team or platform-admin; always audited)")
    public RevealedCredentials reveal(@PathParam("id") long id) {
        return datastores.reveal(id);
    }

    @POST
    @Path("/{id}/decommission")
    @Operation(summary = "Revoke the login at once; drop the data after the retention period")
    public DatastoreView decommission(@PathParam("id") long id) {
        return datastores.decommission(id);
    }
}
