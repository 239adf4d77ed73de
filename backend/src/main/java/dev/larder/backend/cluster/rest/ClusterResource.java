package dev.larder.backend.cluster.rest;

import dev.larder.backend.cluster.service.ClusterService;
import dev.larder.backend.cluster.service.ClusterViews.ClusterView;
import dev.larder.backend.cluster.service.ClusterViews.NewCluster;
import dev.larder.backend.common.web.Page;
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

@Path("/api/v1/clusters")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    ClusterService clusters;

    @POST
    public Response register(NewCluster request) {
        ClusterView cluster = clusters.register(request == null
                ? new NewCluster(null, null, null, null, null, null, null, null) : request);
        return Response.created(URI.create("/api/v1/clusters/" + cluster.name())).entity(cluster).build();
    }

    @GET
    public Page<ClusterView> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return clusters.list(page, size);
    }

    @GET
    @Path("/{name}")
    public ClusterView get(@PathParam("name") String name) {
        return clusters.get(name);
    }
}
