package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an IAM identity policy the way AWS evaluates one for a request, as far as Larder's policies need: statements
 * with Effect, Action and Resource (with {@code *} and {@code ?} wildcards; actions case-insensitive), explicit Deny
 * winning over Allow, and the condition operators {@code DateLessThan} and {@code ForAllValues:StringEquals} with
 * {@code ${aws:PrincipalTag/...}} variables. Any other operator fails the test rather than being guessed. dynalite
 * checks no policy: these tests judge the documents, AWS enforces them.
 */
final class IamPolicy {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final JsonNode document;

    private IamPolicy(JsonNode document) {
        this.document = document;
    }

    static IamPolicy parse(String json) {
        try {
            return new IamPolicy(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** A request: the action, the resource ARN, and the request's context keys (multi-valued). */
    record Request(String action, String resource, Map<String, List<String>> context) {

        Request(String action, String resource) {
            this(action, resource, Map.of("aws:CurrentTime", List.of(Instant.now().toString())));
        }

        Request at(Instant time) {
            Map<String, List<String>> changed = new java.util.HashMap<>(context);
            changed.put("aws:CurrentTime", List.of(time.toString()));
            return new Request(action, resource, changed);
        }

        Request with(String key, String... values) {
            Map<String, List<String>> changed = new java.util.HashMap<>(context);
            changed.put(key, List.of(values));
            return new Request(action, resource, changed);
        }
    }

    boolean allows(Request request) {
        boolean allowed = false;
        for (JsonNode statement : document.get("Statement")) {
            if (matches(strings(statement.get("Action")), request.action(), true)
                    && matches(strings(statement.get("Resource")), request.resource(), false)
                    && conditionsHold(statement.get("Condition"), request.context())) {
                if ("Deny".equals(statement.get("Effect").asText())) {
                    return false;
                }
                allowed = allowed || "Allow".equals(statement.get("Effect").asText());
            }
        }
        return allowed;
    }

    private static boolean matches(List<String> patterns, String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            Pattern compiled = ignoreCase ? Pattern.compile(regex, Pattern.CASE_INSENSITIVE) : Pattern.compile(regex);
            if (compiled.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode conditions, Map<String, List<String>> context) {
        if (conditions == null) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> operators = conditions.fields(); operators.hasNext();) {
            Map.Entry<String, JsonNode> operator = operators.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> expected = strings(key.getValue()).stream().map(v -> substitute(v, context)).toList();
                List<String> actual = context.getOrDefault(key.getKey(), List.of());
                boolean holds = switch (operator.getKey()) {
                    case "DateLessThan" -> !actual.isEmpty() && expected.stream().anyMatch(limit ->
                            Instant.parse(actual.get(0)).isBefore(Instant.parse(limit)));
                    case "ForAllValues:StringEquals" -> expected.stream().noneMatch(v -> v == null)
                            && expected.containsAll(actual);
                    default -> throw new IllegalArgumentException("operator not understood by this test: "
                            + operator.getKey());
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A policy variable resolves from the context; a missing one makes the value match nothing (null). */
    private static String substitute(String value, Map<String, List<String>> context) {
        Matcher variable = VARIABLE.matcher(value);
        if (!variable.find()) {
            return value;
        }
        List<String> resolved = context.get(variable.group(1));
        return resolved == null || resolved.isEmpty() ? null : variable.replaceAll(Matcher.quoteReplacement(
                resolved.get(0)));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
