package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.engine.AccessGrants;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.Credentials;
import dev.larder.backend.engine.DatastoreEngine;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineException;
import dev.larder.backend.engine.LintFinding;
import dev.larder.backend.engine.MigrationOutcome;
import dev.larder.backend.engine.MigrationScript;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.engine.Usage;
import dev.larder.backend.engine.Usage.Measure;
import dev.larder.backend.secrets.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A DynamoDB datastore is a table {@code <env>.<service>.<name>} created from the spec declared with it (see
 * {@link DynamoDbSpec}), tagged with its owner, and changed only by Larder's migrations. There is no login: the
 * owner's credential is the IAM policy Larder renders for the service's own role ({@link DynamoDbPolicies}), which
 * AWS enforces once attached. So rotation and revocation change nothing on the server, and the generated password is
 * never shown ({@link #usesPassword()}).
 */
@ApplicationScoped
public class DynamoDbEngine implements DatastoreEngine {

    private static final Logger LOG = Logger.getLogger(DynamoDbEngine.class);

    private final DynamoDbClients clients;
    private final DynamoDbConfig config;
    private final DynamoDbMigrator migrator;
    private final DynamoDbAccessGrants accessGrants;
    private final DynamoDbLint lint;

    DynamoDbEngine(DynamoDbClients clients, DynamoDbConfig config, DynamoDbMigrator migrator,
            DynamoDbAccessGrants accessGrants, ObjectMapper mapper) {
        this.clients = clients;
        this.config = config;
        this.migrator = migrator;
        this.accessGrants = accessGrants;
        this.lint = new DynamoDbLint(mapper);
    }

    @Override
    public DatastoreKind kind() {
        return DatastoreKind.DYNAMODB;
    }

    @Override
    public Tenant naming(long datastoreId, Environment environment, String service, String datastore) {
        String table = environment.label() + "." + service + "." + datastore;
        return new Tenant(datastoreId, table, table, null);
    }

    @Override
    public JsonNode validateSpec(JsonNode spec) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            throw ProblemException.invalid("spec", "required", "a DynamoDB datastore needs a spec: at least"
                    + " {\"partitionKey\": {\"name\": …, \"type\": \"S\"}}");
        }
        try {
            return DynamoDbSpec.parse(spec).toJson();
        } catch (SpecViolation e) {
            throw ProblemException.invalid(e.path().isEmpty() ? "spec" : "spec." + e.path(), e.rule(),
                    e.getMessage());
        }
    }

    @Override
    public boolean usesPassword() {
        return false;
    }

    @Override
    public void provision(ClusterEndpoint cluster, Tenant tenant, Secret password) {
        DynamoDbSpec spec = spec(tenant);
        clients.call(cluster, "create table " + tenant.physicalName(), client -> {
            new DynamoDbTables(client, config.waitTimeout()).create(tenant.physicalName(), spec, tags(tenant));
            return null;
        });
        LOG.infof("Provisioned table %s on cluster %s", tenant.physicalName(), cluster.name());
    }

    /** Nothing to rotate on the server: the policy is the credential, and it is rendered afresh on every reveal. */
    @Override
    public void rotate(ClusterEndpoint cluster, Tenant tenant, Secret newPassword) {
        LOG.infof("Rotation of %s on cluster %s: nothing to change on the server (the credential is a rendered"
                + " IAM policy)", tenant.physicalName(), cluster.name());
    }

    /** Nothing to remove on the server: the service's IAM role is its own; the table stays until dropData. */
    @Override
    public void revokeLogin(ClusterEndpoint cluster, Tenant tenant) {
        LOG.infof("Revoking %s on cluster %s: no login on the server; detach the rendered policy from the service's"
                + " role", tenant.physicalName(), cluster.name());
    }

    @Override
    public void dropData(ClusterEndpoint cluster, Tenant tenant) {
        clients.call(cluster, "delete table " + tenant.physicalName(), client -> {
            DynamoDbTables tables = new DynamoDbTables(client, config.waitTimeout());
            tables.delete(tenant.physicalName());
            migrator.forget(client, tables, tenant.physicalName());
            return null;
        });
        LOG.infof("Deleted table %s on cluster %s", tenant.physicalName(), cluster.name());
    }

    @Override
    public MigrationOutcome migrate(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> scripts) {
        return migrator.migrate(cluster, tenant.physicalName(), spec(tenant), scripts);
    }

    @Override
    public void shadowRun(ClusterEndpoint cluster, Tenant tenant, List<MigrationScript> history) {
        migrator.shadowRun(cluster, tenant.physicalName(), spec(tenant), history);
    }

    @Override
    public List<String> repair(ClusterEndpoint cluster, Tenant tenant, Secret password,
            List<MigrationScript> history) {
        return migrator.repair(cluster, tenant.physicalName());
    }

    @Override
    public Optional<String> migrationExtension() {
        return Optional.of("json");
    }

    @Override
    public List<LintFinding> lint(Tenant tenant, List<MigrationScript> applied, List<MigrationScript> pending,
            Environment environment) {
        return lint.lint(spec(tenant), applied, pending, environment).stream()
                .map(f -> new LintFinding(f.ruleId(), f.severity(), f.file(), null, f.message())).toList();
    }

    @Override
    public Optional<AccessGrants> accessGrants() {
        return Optional.of(accessGrants);
    }

    @Override
    public Map<String, Object> connection(List<ClusterEndpoint> clusters, Tenant tenant, Credentials credentials) {
        String arn = DynamoDbPolicies.tableArn(config.region(), config.accountId(), tenant.physicalName());
        String endpoint = clusters.isEmpty() ? null : DynamoDbClients.endpoint(clusters.get(0));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("tableName", tenant.physicalName());
        connection.put("tableArn", arn);
        connection.put("region", config.region());
        connection.put("endpoint", endpoint);
        connection.put("iamPolicy", credentials.level() == null ? DynamoDbPolicies.owner(arn, spec(tenant).tenantKey())
                : DynamoDbPolicies.grant(arn, accessGrants.grantIdOf(credentials.login()), credentials.level(),
                        credentials.expiresAt()));
        connection.put("awsCli", "aws dynamodb describe-table --table-name " + tenant.physicalName() + " --region "
                + config.region() + (endpoint == null ? "" : " --endpoint-url " + endpoint));
        return connection;
    }

    @Override
    public Usage usage(ClusterEndpoint cluster, Tenant tenant) {
        TableDescription table = clients.call(cluster, "describe table " + tenant.physicalName(), client ->
                new DynamoDbTables(client, config.waitTimeout()).describe(tenant.physicalName()))
                .orElseThrow(() -> new EngineException("table " + tenant.physicalName() + " does not exist on cluster "
                        + cluster.name(), false));
        Map<String, String> labels = Map.of("table", tenant.physicalName());
        return new Usage(List.of(new Measure("items", labels, table.itemCount()),
                new Measure("size_bytes", labels, table.tableSizeBytes())));
    }

    private static DynamoDbSpec spec(Tenant tenant) {
        if (tenant.spec() == null || tenant.spec().isNull()) {
            throw new EngineException("datastore " + tenant.physicalName() + " has no DynamoDB spec", false);
        }
        return DynamoDbSpec.parse(tenant.spec());
    }

    /** owner (the team as a Backstage owner reference), team, service, environment and the Larder id. */
    private static Map<String, String> tags(Tenant tenant) {
        Map<String, String> tags = new LinkedHashMap<>();
        String team = tenant.owner().get("team");
        if (team != null) {
            tags.put("owner", "group:default/" + team);
            tags.put("team", team);
        }
        tenant.owner().forEach((key, value) -> tags.putIfAbsent(key, value));
        tags.put("larder:datastore-id", Long.toString(tenant.datastoreId()));
        return tags;
    }
}
