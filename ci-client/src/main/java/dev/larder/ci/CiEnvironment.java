package dev.larder.ci;

import dev.larder.events.common.CiDetails;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the CI system's environment variables say about the run: who started it and where it can be seen.
 * GitHub Actions and Jenkins are recognised; anything else needs the options.
 */
final class CiEnvironment {

    static final String GITHUB_ACTIONS = "github-actions";
    static final String JENKINS = "jenkins";

    /**
     * The contract's {@code Principal}: an email, or a Backstage user ref such as {@code user:default/jane}
     * ({@code schemas/common/v1/definitions.json}). The backend dead-letters a command whose requestedBy is neither.
     */
    static final Pattern PRINCIPAL = Pattern.compile("^([^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}"
            + "|user:([a-z0-9][a-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*)$");

    /** GitHub's no-reply address domain: {@code <login>@users.noreply.github.com} names a GitHub account. */
    static final String GITHUB_NOREPLY_DOMAIN = "users.noreply.github.com";

    private CiEnvironment() {
    }

    /**
     * Who asked, from the environment: the GitHub actor ({@code GITHUB_ACTOR}, as the account's no-reply address,
     * {@code <actor>@users.noreply.github.com}), then Jenkins' build user ({@code BUILD_USER_EMAIL}, else
     * {@code BUILD_USER_ID}, as {@code user:default/<id>} unless it already is an email or user ref), then
     * {@code LARDER_REQUESTED_BY}.
     */
    static Optional<String> requestedBy(Map<String, String> env) {
        String actor = value(env, "GITHUB_ACTOR");
        if (actor != null) {
            return Optional.of(actor + "@" + GITHUB_NOREPLY_DOMAIN);
        }
        String email = value(env, "BUILD_USER_EMAIL");
        if (email != null) {
            return Optional.of(email);
        }
        String userId = value(env, "BUILD_USER_ID");
        if (userId != null) {
            return Optional.of(PRINCIPAL.matcher(userId).matches() ? userId : "user:default/" + userId);
        }
        return Optional.ofNullable(value(env, "LARDER_REQUESTED_BY"));
    }

    /** The CI run, when the environment is GitHub Actions ({@code GITHUB_ACTIONS=true}) or Jenkins ({@code JENKINS_URL}). */
    static Optional<CiDetails> detect(Map<String, String> env) {
        if ("true".equalsIgnoreCase(value(env, "GITHUB_ACTIONS"))) {
            String server = value(env, "GITHUB_SERVER_URL");
            String repository = value(env, "GITHUB_REPOSITORY");
            String runId = value(env, "GITHUB_RUN_ID");
            String runUrl = server != null && repository != null && runId != null
                    ? stripTrailingSlash(server) + "/" + repository + "/actions/runs/" + runId
                    : null;
            return Optional.of(new CiDetails(GITHUB_ACTIONS, runUrl, value(env, "GITHUB_SHA")));
        }
        if (value(env, "JENKINS_URL") != null) {
            return Optional.of(new CiDetails(JENKINS, value(env, "BUILD_URL"), value(env, "GIT_COMMIT")));
        }
        return Optional.empty();
    }

    /**
     * The detected details with each given option replacing its field; null when there is nothing at all, so the
     * command leaves {@code ci} out.
     */
    static CiDetails ciDetails(Map<String, String> env, String system, String runUrl, String commit) {
        CiDetails detected = detect(env).orElse(new CiDetails(null, null, null));
        CiDetails merged = new CiDetails(
                blankToNull(system) != null ? system : detected.system(),
                blankToNull(runUrl) != null ? runUrl : detected.runUrl(),
                blankToNull(commit) != null ? commit : detected.commit());
        return merged.system() == null && merged.runUrl() == null && merged.commit() == null ? null : merged;
    }

    private static String value(Map<String, String> env, String name) {
        return blankToNull(env.get(name));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
