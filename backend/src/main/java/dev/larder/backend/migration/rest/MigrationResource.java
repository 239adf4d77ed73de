package dev.larder.backend.migration.rest;

import dev.larder.backend.common.web.Page;
import dev.larder.backend.migration.service.MigrationService;
import dev.larder.backend.migration.service.MigrationViews.LintRequest;
import dev.larder.backend.migration.service.MigrationViews.LintResult;
import dev.larder.backend.migration.service.MigrationViews.MigrationView;
import dev.larder.backend.migration.service.MigrationViews.NewMigration;
import dev.larder.backend.migration.service.MigrationViews.RepairResult;
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

/** Migrations for CI systems without Kafka: the same bundle, the same checks, the same outcome events. */
@Path("/api/v1/datastores/{id}/migrations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {

    @Inject
    MigrationService migrations;

    @POST
    @Operation(summary = "Submit a migration bundle", description = "Answers 202 with the migration (PENDING);"
            + " lint, shadow run and apply follow. Poll GET …/migrations/{migrationId} or listen on larder.events.v1.")
    public Response submit(@PathParam("id") long id, NewMigration request) {
        MigrationView migration = migrations.submit(id, request == null ? new NewMigration(null, null, null, null)
                : request);
        return Response.accepted(migration).location(URI.create("/api/v1/datastores/" + id + "/migrations/"
                + migration.id())).build();
    }

    @GET
    public Page<MigrationView> history(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return migrations.list(id, page, size);
    }

    @GET
    @Path("/{migrationId}")
    public MigrationView get(@PathParam("id") long id, @PathParam("migrationId") long migrationId) {
        return migrations.get(id, migrationId);
    }

    @POST
    @Path("/lint")
    @Operation(summary = "Lint a bundle against the datastore's history without running it")
    public LintResult lint(@PathParam("id") long id, LintRequest request) {
        return migrations.lint(id, request);
    }

    @POST
    @Path("/repair")
    @Operation(summary = "Flyway repair on every cluster, after a failed non-transactional migration")
    public RepairResult repair(@PathParam("id") long id) {
        return migrations.repair(id);
    }
}
