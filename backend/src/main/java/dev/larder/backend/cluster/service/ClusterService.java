package dev.larder.backend.cluster.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.cluster.domain.Cluster;
import dev.larder.backend.cluster.repository.ClusterRepository;
import dev.larder.backend.cluster.service.ClusterViews.ClusterView;
import dev.larder.backend.cluster.service.ClusterViews.NewCluster;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Environment;
import dev.larder.backend.common.names.Names;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.secrets.SecretBox;
import dev.larder.backend.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Registers the servers datastores are placed on. Only platform-admins do this. */
@ApplicationScoped
public class ClusterService {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern ADMIN_USER = Pattern.compile("[A-Za-z0-9_.-]{1,80}");

    @Inject
    ClusterRepository clusters;

    @Inject
    SecretBox secrets;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Transactional
    public ClusterView register(NewCluster request) {
        caller.requirePlatformAdmin("register clusters");
        String name = Names.label("name", request.name());
        DatastoreKind kind = DatastoreKind.parse("kind", request.kind());
        String host = Names.required("host", request.host());
        if (!HOST.matcher(host).matches()) {
            throw ProblemException.invalid("host", "host", "must be a DNS name or an IPv4 address");
        }
        if (request.port() == null || request.port() < 1 || request.port() > 65535) {
            throw ProblemException.invalid("port", "port.range", "must be between 1 and 65535");
        }
        String adminUser = Names.required("adminUser", request.adminUser());
        if (!ADMIN_USER.matcher(adminUser).matches()) {
            throw ProblemException.invalid("adminUser", "pattern", "must match " + ADMIN_USER.pattern());
        }
        if (request.adminPassword() == null) {
            throw ProblemException.invalid("adminPassword", "required", "is required (it may be empty)");
        }
        Environment environment = Environment.parse("environment", request.environment());
        String group = request.replicationGroup() == null ? null
                : Names.label("replicationGroup", request.replicationGroup());
        if (group != null) {
            for (Cluster member : clusters.inGroup(group)) {
                if (!member.kind.equals(kind.label()) || !member.environment.equals(environment.label())) {
                    throw ProblemException.invalid("replicationGroup", "group.consistent", "group '" + group
                            + "' holds " + member.environment + " " + member.kind
                            + " clusters; every member must share kind and environment");
                }
            }
        }
        if (clusters.findByName(name).isPresent()) {
            throw ProblemException.conflict("Cluster '" + name + "' is already registered.");
        }
        Cluster cluster = new Cluster();
        cluster.name = name;
        cluster.kind = kind.label();
        cluster.host = host;
        cluster.port = request.port();
        cluster.adminUser = adminUser;
        cluster.adminPasswordEnc = secrets.encrypt(new Secret(request.adminPassword()), context(name));
        cluster.environment = environment.label();
        cluster.replicationGroup = group;
        cluster.createdAt = Instant.now();
        clusters.persist(cluster);
        Map<String, Object> details = new HashMap<>();
        details.put("kind", cluster.kind);
        details.put("host", host + ":" + cluster.port);
        details.put("environment", cluster.environment);
        if (group != null) {
            details.put("replicationGroup", group);
        }
        audit.record("cluster.registered", "cluster", name, details);
        return view(cluster);
    }

    @Transactional
    public Page<ClusterView> list(int page, int size) {
        var query = clusters.findAll(Sort.ascending("name"));
        return new Page<>(query.page(page, size).list().stream().map(ClusterService::view).toList(), page, size,
                query.count());
    }

    @Transactional
    public ClusterView get(String name) {
        return view(clusters.findByName(name).orElseThrow(() -> ProblemException.notFound("Cluster", name)));
    }

    /** The admin endpoint of a cluster, decrypted for an engine call. */
    @Transactional
    public ClusterEndpoint endpoint(long clusterId) {
        Cluster cluster = clusters.findById(clusterId);
        return new ClusterEndpoint(cluster.name, cluster.host, cluster.port, cluster.adminUser,
                secrets.decrypt(cluster.adminPasswordEnc, context(cluster.name)));
    }

    /** Admin endpoints of every cluster of a kind. */
    @Transactional
    public List<ClusterEndpoint> endpointsOf(DatastoreKind kind) {
        return clusters.list("kind = ?1 order by name", kind.label()).stream().map(c -> endpoint(c.id)).toList();
    }

    private static String context(String clusterName) {
        return "larder/cluster/" + clusterName + "/admin-password";
    }

    static ClusterView view(Cluster cluster) {
        return new ClusterView(cluster.id, cluster.name, cluster.kind, cluster.host, cluster.port, cluster.adminUser,
                cluster.environment, cluster.replicationGroup, cluster.createdAt);
    }

    /** The clusters a datastore lives on: one, or every member of its replication group. */
    @Transactional
    public List<ClusterView> placement(Long clusterId, String replicationGroup) {
        if (replicationGroup != null) {
            return clusters.inGroup(replicationGroup).stream().map(ClusterService::view).toList();
        }
        return List.of(view(clusters.findById(clusterId)));
    }
}
