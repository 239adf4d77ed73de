package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.LintFinding;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.engine.Usage;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An OpenSearch datastore is an index family {@code <service>-<name>}: clients use the alias {@code <service>-<name>},
 * which points at one versioned index {@code <service>-<name>-v<n>} (so an incompatible migration can build the next
 * version and move the alias, see {@link OpenSearchMigrator}). Its login is an internal user of the security plugin
 * mapped to one role that allows everything on {@code <family>} and {@code <family>-*} and, at cluster level, only the
 * multi-index operations (bulk, msearch, mget, scroll, reindex, aliases) — no cluster administration, no other index.
 * Roles and users are written through the security plugin's REST API with the cluster's administrator.
 */
@ApplicationScoped
public class OpenSearchEngine implements DatastoreEngine {

    private static final Logger LOG = Logger.getLogger(OpenSearchEngine.class);

    private final OpenSearchClients clients;
    private final OpenSearchMigrator migrator;
    private final OpenSearchConfig config;
    private final ObjectMapper json;
    private final Instance<OpenSearchAccessGrants> accessGrants;

    OpenSearchEngine(OpenSearchClients clients, OpenSearchMigrator migrator, OpenSearchConfig config,
            ObjectMapper json, Instance<OpenSearchAccessGrants> accessGrants) {
        this.clients = clients;
        this.migrator = migrator;
        this.config = config;
        this.json = json;
        this.accessGrants = accessGrants;
    }

    @Override
    public DatastoreKind kind() {
        return DatastoreKind.OPENSEARCH;
    }

    @Override
    public Optional<AccessGrants> accessGrants() {
        return Optional.of(accessGrants.get());
    }

    @Override
    public Tenant naming(long datastoreId, Environment environment, String service, String datastore) {
        IndexFamily family = IndexFamily.of(service, datastore);
        return new Tenant(datastoreId, family.name(), family.name());
    }

    @Override
    public void provision(ClusterEndpoint cluster, Tenant tenant, Secret password) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession admin = clients.admin(cluster)) {
            SecurityApi.putRole(admin, family.ownerRole(), family, SecurityApi.OWNER_CLUSTER_ACTIONS,
                    SecurityApi.OWNER_INDEX_ACTIONS, "Larder: datastore " + family.name() + " (owner)");
            SecurityApi.putUser(admin, tenant.login(), password, family.ownerRole(),
                    "Larder: login of datastore " + family.name());
            migrator.createFamily(admin, family);
            LOG.infof("Provisioned index family %s (alias %s over %s) with login %s on cluster %s", family.name(),
                    family.alias(), family.index(1), tenant.login(), cluster.name());
        }
    }

    @Override
    public void rotate(ClusterEndpoint cluster, Tenant tenant, Secret newPassword) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession admin = clients.admin(cluster)) {
            // PUT replaces the whole user: the same role, a new password hash; the old password stops at once.
            SecurityApi.putUser(admin, tenant.login(), newPassword, family.ownerRole(),
                    "Larder: login of datastore " + family.name());
            LOG.infof("Rotated the password of login %s on cluster %s", tenant.login(), cluster.name());
        }
    }

    @Override
    public void revokeLogin(ClusterEndpoint cluster, Tenant tenant) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession admin = clients.admin(cluster)) {
            // HTTP has no sessions to end: the next request of the deleted user is refused (401).
            SecurityApi.deleteUser(admin, tenant.login());
            SecurityApi.deleteRole(admin, family.ownerRole());
            LOG.infof("Revoked login %s on cluster %s", tenant.login(), cluster.name());
        }
    }

    @Override
    public void dropData(ClusterEndpoint cluster, Tenant tenant) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession admin = clients.admin(cluster)) {
            migrator.deleteFamily(admin, family);
            SecurityApi.deleteRole(admin, family.grantRole(false));
            SecurityApi.deleteRole(admin, family.grantRole(true));
            LOG.infof("Deleted index family %s on cluster %s", family.name(), cluster.name());
        }
    }

    @Override
    public MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> scripts) {
        return migrator.migrate(cluster, tenant, password, scripts);
    }

    @Override
    public void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        migrator.shadowRun(cluster, tenant, history);
    }

    @Override
    public List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> history) {
        return migrator.repair(cluster, tenant, password);
    }

    @Override
    public Optional<String> migrationExtension() {
        return Optional.of("json");
    }

    @Override
    public List<LintFinding> lint(Tenant tenant, List<MigrationScript> applied, List<MigrationScript> pending,
            Environment environment) {
        return OpenSearchLint.lint(json, new IndexFamily(tenant.physicalName()), applied, pending, environment)
                .stream().map(f -> new LintFinding(f.ruleId(), f.severity(), f.file(), null, f.message())).toList();
    }

    /**
     * {@code url}, {@code alias} (what clients read and write), {@code indexPattern} (what the login may touch) and
     * a {@code curl} search with these credentials.
     */
    @Override
    public Map<String, Object> connection(List<ClusterEndpoint> clusters, Tenant tenant, Credentials credentials) {
        ClusterEndpoint first = clusters.get(0);
        IndexFamily family = new IndexFamily(tenant.physicalName());
        String url = config.scheme() + "://" + first.host() + ":" + first.port();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", url);
        fields.put("alias", family.alias());
        fields.put("indexPattern", String.join(",", family.patterns()));
        fields.put("curl", "curl -u '" + credentials.login() + ":" + credentials.password().value() + "'"
                + config.trustCaFile().map(ca -> " --cacert " + ca).orElse("") + " '" + url + "/" + family.alias()
                + "/_search?q=*'");
        return fields;
    }

    /** {@code docs} (documents in the family's primaries) and {@code store_bytes} (all copies on disk). */
    @Override
    public Usage usage(ClusterEndpoint cluster, Tenant tenant) {
        IndexFamily family = new IndexFamily(tenant.physicalName());
        try (OpenSearchSession admin = clients.admin(cluster)) {
            JsonNode all = admin.call("read index stats", "GET", "/" + family.alias() + "," + family.wildcard()
                    + "/_stats/docs,store?expand_wildcards=open", null).path("_all");
            return new Usage(List.of(
                    Usage.Measure.of("docs", all.path("primaries").path("docs").path("count").asDouble()),
                    Usage.Measure.of("store_bytes", all.path("total").path("store").path("size_in_bytes")
                            .asDouble())));
        }
    }
}
