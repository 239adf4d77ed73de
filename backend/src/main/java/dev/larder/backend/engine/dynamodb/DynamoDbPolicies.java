package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.larder.backend.engine.AccessGrants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Renders the IAM identity policies a DynamoDB datastore's users attach to their own roles. Larder does not call IAM:
 * AWS enforces these documents once someone attaches them; Larder only writes them, least privilege, per datastore.
 *
 * <ul>
 *   <li>Owner (the service): item reads and writes on the table and its indexes ({@code table/<name>/index/*}, so an
 *   index a migration adds is covered), and describing the table. No UpdateTable or DeleteTable: only Larder changes
 *   the table. With a tenant key, item actions carry {@code ForAllValues:StringEquals dynamodb:LeadingKeys =
 *   ${aws:PrincipalTag/<tenantKey>}} and Scan is left out (a Scan has no leading key to check).</li>
 *   <li>Time-boxed access: read (Get, BatchGet, Query, Scan, Describe) or write (read plus Put, Update, Delete,
 *   BatchWrite, ConditionCheck) on the table and its indexes, with {@code DateLessThan aws:CurrentTime} at the
 *   grant's end, so AWS refuses it afterwards even if nobody detaches it.</li>
 * </ul>
 */
final class DynamoDbPolicies {

    static final List<String> DESCRIBE = List.of("dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive",
            "dynamodb:ListTagsOfResource");
    static final List<String> READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:Scan", "dynamodb:ConditionCheckItem");
    static final List<String> WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DynamoDbPolicies() {
    }

    static String tableArn(String region, String accountId, String table) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + table;
    }

    /** The owning service's policy. */
    static String owner(String tableArn, String tenantKey) {
        ObjectNode policy = document();
        ArrayNode statements = policy.putArray("Statement");
        statements.add(statement("LarderDescribeTable", DESCRIBE, List.of(tableArn)));
        List<String> items = tenantKey == null ? concat(READ, WRITE)
                : concat(READ.stream().filter(a -> !a.equals("dynamodb:Scan")).toList(), WRITE);
        ObjectNode data = statement("LarderItems", items, List.of(tableArn, tableArn + "/index/*"));
        if (tenantKey != null) {
            data.putObject("Condition").putObject("ForAllValues:StringEquals")
                    .putArray("dynamodb:LeadingKeys").add("${aws:PrincipalTag/" + tenantKey + "}");
        }
        statements.add(data);
        return write(policy);
    }

    /** A person's time-boxed policy, valid until {@code expiresAt}; the Sid names the grant (alphanumeric, as IAM wants). */
    static String grant(String tableArn, long grantId, AccessGrants.Level level, Instant expiresAt) {
        ObjectNode policy = document();
        List<String> actions = level == AccessGrants.Level.WRITE ? concat(DESCRIBE, concat(READ, WRITE))
                : concat(DESCRIBE, READ);
        ObjectNode statement = statement("LarderAccessGrant" + (grantId < 0 ? "" : grantId), actions,
                List.of(tableArn, tableArn + "/index/*"));
        statement.putObject("Condition").putObject("DateLessThan")
                .put("aws:CurrentTime", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString());
        policy.putArray("Statement").add(statement);
        return write(policy);
    }

    private static ObjectNode document() {
        return JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
    }

    private static ObjectNode statement(String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode().put("Sid", sid).put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        resources.forEach(statement.putArray("Resource")::add);
        return statement;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String write(ObjectNode policy) {
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a policy", e);
        }
    }
}
