package dev.larder.backend.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.backend.secrets.Secret;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The security plugin's REST API ({@code /_plugins/_security/api}) as Larder uses it, always with the cluster's
 * administrator: roles limited to an index family, and internal users mapped to exactly one such role. PUT replaces
 * a whole role or user, so every call converges whatever an interrupted run left; DELETE of something missing is
 * fine.
 */
final class SecurityApi {

    private static final String API = "/_plugins/_security/api";
    /** User and role names Larder creates; checked again here before they reach a URL. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,230}");

    /** Index actions of a datastore's own login: everything on its family (indices, aliases, mappings, data). */
    static final List<String> OWNER_INDEX_ACTIONS = List.of("indices_all");
    /** Cluster actions the owner needs to use its indices: bulk, multi-get/search, scroll, reindex, aliases. */
    static final List<String> OWNER_CLUSTER_ACTIONS = List.of("cluster_composite_ops");
    static final List<String> READ_INDEX_ACTIONS = List.of("read", "search");
    static final List<String> READ_CLUSTER_ACTIONS = List.of("cluster_composite_ops_ro");
    /** Data only: a personal read-write login changes documents, never mappings, settings or aliases. */
    static final List<String> WRITE_INDEX_ACTIONS = List.of("read", "search", "indices:data/write*");
    static final List<String> WRITE_CLUSTER_ACTIONS = List.of("cluster_composite_ops_ro", "indices:data/write/bulk");

    private SecurityApi() {
    }

    static void putRole(OpenSearchSession admin, String role, IndexFamily family, List<String> clusterActions,
            List<String> indexActions, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", description);
        body.put("cluster_permissions", clusterActions);
        body.put("index_permissions", List.of(Map.of("index_patterns", family.patterns(),
                "allowed_actions", indexActions)));
        admin.call("create role " + role, "PUT", API + "/roles/" + checked(role), body);
    }

    static void putUser(OpenSearchSession admin, String user, Secret password, String role, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password", password.value());
        body.put("opendistro_security_roles", List.of(checked(role)));
        body.put("backend_roles", List.of());
        body.put("description", description);
        admin.call("create user " + user, "PUT", API + "/internalusers/" + checked(user), body);
    }

    static void deleteUser(OpenSearchSession admin, String user) {
        admin.call("delete user " + user, "DELETE", API + "/internalusers/" + checked(user), null, 404);
    }

    static void deleteRole(OpenSearchSession admin, String role) {
        admin.call("delete role " + role, "DELETE", API + "/roles/" + checked(role), null, 404);
    }

    static List<String> users(OpenSearchSession admin) {
        JsonNode all = admin.call("list users", "GET", API + "/internalusers", null);
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = all.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a user or role name Larder creates: " + name);
        }
        return name;
    }
}
