package dev.larder.backend.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.catalog.service.CatalogService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Datastores for Backstage's catalog, to be read as a {@code url} location (through Backstage's proxy, which adds
 * the token). Multi-document YAML by default — the catalog asks with Accept: *&#47;* — and JSON on request.
 */
@Path("/api/v1/catalog/entities")
@Authenticated
public class CatalogResource {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    @Inject
    CatalogService catalog;

    @GET
    @Operation(summary = "Every live datastore as a Backstage Resource entity (YAML; JSON with Accept:"
            + " application/json)")
    public Response entities(@HeaderParam(HttpHeaders.ACCEPT) String accept) throws JsonProcessingException {
        List<Map<String, Object>> entities = catalog.entities();
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON) && !accept.contains("yaml")) {
            return Response.ok(Map.of("items", entities), MediaType.APPLICATION_JSON).build();
        }
        StringBuilder yaml = new StringBuilder();
        for (Map<String, Object> entity : entities) {
            yaml.append("---\n").append(YAML.writeValueAsString(entity));
        }
        return Response.ok(yaml.toString(), "application/yaml").build();
    }
}
