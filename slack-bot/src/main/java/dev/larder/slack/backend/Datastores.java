package dev.larder.slack.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How people name a datastore in Slack: its id ({@code 42}), {@code service/name}, or just {@code name}, each
 * optionally with {@code @env} ({@code shop/orders@prod}). Checked against a strict pattern before any backend call.
 */
public final class Datastores {

    static final Pattern REF = Pattern.compile(
            "(?:([a-z][a-z0-9_]{1,29})/)?([a-z][a-z0-9_]{1,29})(?:@(dev|staging|prod))?");

    /** Either the datastore or why none was found, in words. */
    public record Found(JsonNode datastore, String problem) {
    }

    private Datastores() {
    }

    public static Found find(Backend.Caller as, String ref) {
        if (ref.matches("[0-9]{1,18}")) {
            Backend.Answer answer = as.get("/api/v1/datastores/" + ref);
            return answer.ok() ? new Found(answer.body(), null) : new Found(null, answer.problem());
        }
        Matcher match = REF.matcher(ref);
        if (!match.matches()) {
            return new Found(null, "`" + ref + "` is not a datastore: give its id, `service/name` or `name`,"
                    + " optionally with `@dev|@staging|@prod`.");
        }
        StringBuilder query = new StringBuilder("/api/v1/datastores?size=200");
        if (match.group(1) != null) {
            query.append("&service=").append(match.group(1));
        }
        if (match.group(3) != null) {
            query.append("&environment=").append(match.group(3));
        }
        Backend.Answer answer = as.get(query.toString());
        if (!answer.ok()) {
            return new Found(null, answer.problem());
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode datastore : answer.body().path("items")) {
            if (datastore.path("name").asText().equals(match.group(2))
                    && !"DECOMMISSIONED".equals(datastore.path("state").asText())) {
                matches.add(datastore);
            }
        }
        if (matches.isEmpty()) {
            return new Found(null, "No datastore `" + ref + "`. Try `/datastore list`.");
        }
        if (matches.size() > 1) {
            StringBuilder names = new StringBuilder();
            matches.forEach(d -> names.append(" `").append(d.path("id").asText()).append("` (")
                    .append(label(d)).append(")"));
            return new Found(null, "`" + ref + "` names several datastores:" + names + ". Use the id or"
                    + " `service/name@env`.");
        }
        return new Found(matches.get(0), null);
    }

    /** {@code service/name@env}. */
    public static String label(JsonNode datastore) {
        return datastore.path("service").asText() + "/" + datastore.path("name").asText() + "@"
                + datastore.path("environment").asText();
    }
}
