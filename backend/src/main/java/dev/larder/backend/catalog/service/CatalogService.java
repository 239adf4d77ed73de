package dev.larder.backend.catalog.service;

import dev.larder.backend.access.service.AccessConfig;
import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.service.DatastoreViews;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.team.domain.Microservice;
import dev.larder.backend.team.domain.Team;
import dev.larder.backend.team.repository.MicroserviceRepository;
import dev.larder.backend.team.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every live datastore as a Backstage {@code Resource} entity: owned by its team's group, a dependency of its
 * service's Component, with links back to Larder. Decommissioned (and decommissioning) datastores drop out.
 */
@ApplicationScoped
public class CatalogService {

    public static final String ID_ANNOTATION = "larder.dev/datastore-id";

    @Inject
    DatastoreRepository datastores;

    @Inject
    MicroserviceRepository services;

    @Inject
    TeamRepository teams;

    @Inject
    AccessConfig access;

    @Transactional
    public List<Map<String, Object>> entities() {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (Datastore datastore : datastores.list("state not in ?1 order by id",
                List.of(DatastoreState.DECOMMISSIONING, DatastoreState.DECOMMISSIONED))) {
            Microservice service = services.findById(datastore.serviceId);
            Team team = teams.findById(service.teamId);
            entities.add(entity(datastore, service, team));
        }
        return entities;
    }

    private Map<String, Object> entity(Datastore datastore, Microservice service, Team team) {
        String base = access.publicUrl();
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(ID_ANNOTATION, String.valueOf(datastore.id));
        annotations.put("larder.dev/environment", datastore.environment);
        annotations.put("larder.dev/physical-name", datastore.physicalName);
        annotations.put("larder.dev/state", datastore.state.name());

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", DatastoreViews.catalogName(datastore.id, service.name, datastore.name, datastore.kind,
                datastore.environment));
        metadata.put("title", service.name + "/" + datastore.name + " (" + datastore.environment + " "
                + datastore.kind + ")");
        metadata.put("description", "The " + datastore.kind + " datastore '" + datastore.name + "' of service "
                + service.name + " in " + datastore.environment + ", managed by Larder.");
        metadata.put("annotations", annotations);
        metadata.put("tags", List.of(datastore.kind, datastore.environment));
        metadata.put("links", List.of(
                link(base + "/api/v1/datastores/" + datastore.id, "Larder API", "dashboard"),
                link(base + "/q/swagger-ui", "Larder API docs (Swagger UI)", "docs"),
                link(base + "/api/v1/audit?targetType=datastore&targetId=" + datastore.id, "Audit trail",
                        "catalog")));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", datastore.kind);
        spec.put("owner", "group:default/" + team.name);
        spec.put("dependencyOf", List.of("component:default/" + service.name));
        if (service.systemName != null) {
            spec.put("system", "system:default/" + service.systemName);
        }

        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("apiVersion", "backstage.io/v1alpha1");
        entity.put("kind", "Resource");
        entity.put("metadata", metadata);
        entity.put("spec", spec);
        return entity;
    }

    private static Map<String, Object> link(String url, String title, String icon) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("url", url);
        link.put("title", title);
        link.put("icon", icon);
        return link;
    }
}
