package dev.larder.backend.approval.service;

import dev.larder.backend.common.names.Environment;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The approval rules per environment, from config, checked at start-up: a typo in a rule must stop the service,
 * not quietly lock everyone out of approving.
 */
@Startup
@ApplicationScoped
public class ApprovalPolicy {

    public static final String OWNING_TEAM = "owning-team";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String GROUP_PREFIX = "group:";
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}");

    /** What a new request in one environment gets. */
    public record Rules(int required, List<String> approvers) {
    }

    /** Who is deciding, as far as the rules care. */
    public record Approver(boolean platformAdmin, boolean actsForTeam, Predicate<String> inGroup) {
    }

    private final Rules dev;
    private final Rules staging;
    private final Rules prod;

    public ApprovalPolicy(ApprovalConfig config) {
        dev = rules("dev", config.policy().dev());
        staging = rules("staging", config.policy().staging());
        prod = rules("prod", config.policy().prod());
    }

    public Rules forEnvironment(Environment environment) {
        return switch (environment) {
            case DEV -> dev;
            case STAGING -> staging;
            case PROD -> prod;
        };
    }

    private static Rules rules(String environment, ApprovalConfig.EnvironmentPolicy policy) {
        String prefix = "larder.approvals.policy." + environment + ".";
        if (policy.required() < 1) {
            throw new IllegalStateException(prefix + "required must be 1 or more, not " + policy.required());
        }
        return new Rules(policy.required(), parse(prefix + "approvers", policy.approvers()));
    }

    /** Checks and normalises a list of rules; throws naming the key and the bad rule. */
    static List<String> parse(String key, List<String> raw) {
        Set<String> rules = new LinkedHashSet<>();
        for (String value : raw) {
            String rule = value.trim();
            if (rule.isEmpty()) {
                continue;
            }
            boolean known = rule.equals(OWNING_TEAM) || rule.equals(PLATFORM_ADMIN)
                    || (rule.startsWith(GROUP_PREFIX) && GROUP_NAME.matcher(rule.substring(GROUP_PREFIX.length()))
                            .matches());
            if (!known) {
                throw new IllegalStateException(key + ": '" + rule + "' is not an approver rule; use " + OWNING_TEAM
                        + ", " + PLATFORM_ADMIN + " or " + GROUP_PREFIX + "<name>");
            }
            rules.add(rule);
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(key + " names nobody; give at least one of " + OWNING_TEAM + ", "
                    + PLATFORM_ADMIN + ", " + GROUP_PREFIX + "<name>");
        }
        return List.copyOf(rules);
    }

    /** The rules a request is opened with: a request that needs a platform-admin lets platform-admins decide. */
    static List<String> forRequest(List<String> rules, boolean adminRequired) {
        if (!adminRequired || rules.contains(PLATFORM_ADMIN)) {
            return rules;
        }
        List<String> withAdmin = new ArrayList<>(rules);
        withAdmin.add(PLATFORM_ADMIN);
        return List.copyOf(withAdmin);
    }

    static boolean allows(List<String> rules, Approver approver) {
        for (String rule : rules) {
            if (rule.equals(OWNING_TEAM) && approver.actsForTeam()
                    || rule.equals(PLATFORM_ADMIN) && approver.platformAdmin()
                    || rule.startsWith(GROUP_PREFIX) && approver.inGroup().test(rule.substring(GROUP_PREFIX.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The rules for a person, e.g. "members of team 'checkout', platform-admins or members of group 'dba'". */
    static String describe(List<String> rules, String team) {
        List<String> who = rules.stream().map(rule -> switch (rule) {
            case OWNING_TEAM -> "members of team '" + team + "'";
            case PLATFORM_ADMIN -> "platform-admins";
            default -> "members of group '" + rule.substring(GROUP_PREFIX.length()) + "'";
        }).toList();
        if (who.size() == 1) {
            return who.get(0);
        }
        return String.join(", ", who.subList(0, who.size() - 1)) + " or " + who.get(who.size() - 1);
    }

    /** The approver groups of the ApprovalRequested event: the owning team as a Backstage group reference. */
    static List<String> eventGroups(List<String> rules, String team) {
        return rules.stream().map(rule -> rule.equals(OWNING_TEAM)
                ? "group:default/" + team.toLowerCase(Locale.ROOT) : rule).toList();
    }

    static List<String> split(String stored) {
        return List.of(stored.split(","));
    }
}
