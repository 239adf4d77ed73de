package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.events.common.CiDetails;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    private static final Map<String, String> GITHUB = Map.of(
            "GITHUB_ACTIONS", "true",
            "GITHUB_ACTOR", "octocat",
            "GITHUB_SERVER_URL", "https://github.com",
            "GITHUB_REPOSITORY", "acme/orders",
            "GITHUB_RUN_ID", "4711",
            "GITHUB_SHA", "9f2c1e07a4b3d5e6f708192a3b4c5d6e7f809a1b");

    private static final Map<String, String> JENKINS = Map.of(
            "JENKINS_URL", "https://jenkins.example.com/",
            "BUILD_URL", "https://jenkins.example.com/job/orders/12/",
            "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567",
            "BUILD_USER_EMAIL", "jane.doe@example.com",
            "BUILD_USER_ID", "jdoe");

    @Test
    void gitHubActions() {
        assertThat(CiEnvironment.requestedBy(GITHUB)).hasValue("octocat@users.noreply.github.com");
        assertThat(CiEnvironment.detect(GITHUB)).hasValue(new CiDetails("github-actions",
                "https://github.com/acme/orders/actions/runs/4711", "9f2c1e07a4b3d5e6f708192a3b4c5d6e7f809a1b"));
        assertThat(CiEnvironment.PRINCIPAL.matcher(CiEnvironment.requestedBy(GITHUB).orElseThrow()).matches())
                .as("the contract's Principal pattern accepts it").isTrue();
        assertThat(CiEnvironment.requestedBy(Map.of("GITHUB_ACTOR", "dependabot[bot]")))
                .hasValueSatisfying(p -> assertThat(CiEnvironment.PRINCIPAL.matcher(p).matches()).isTrue());
    }

    @Test
    void gitHubEnterpriseServerUrlWithTrailingSlashAndMissingRunId() {
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://ghe.example.com/",
                "GITHUB_REPOSITORY", "acme/orders", "GITHUB_RUN_ID", "1");
        assertThat(CiEnvironment.detect(env)).hasValue(new CiDetails("github-actions",
                "https://ghe.example.com/acme/orders/actions/runs/1", null));
        assertThat(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true"))).hasValue(
                new CiDetails("github-actions", null, null));
    }

    @Test
    void jenkinsPrefersTheBuildUsersEmail() {
        assertThat(CiEnvironment.requestedBy(JENKINS)).hasValue("jane.doe@example.com");
        assertThat(CiEnvironment.detect(JENKINS)).hasValue(new CiDetails("jenkins",
                "https://jenkins.example.com/job/orders/12/", "0123456789abcdef0123456789abcdef01234567"));
    }

    @Test
    void jenkinsBuildUserIdBecomesABackstageUserRefUnlessItIsAPrincipalAlready() {
        assertThat(CiEnvironment.requestedBy(Map.of("JENKINS_URL", "x", "BUILD_USER_ID", "jdoe")))
                .hasValue("user:default/jdoe");
        assertThat(CiEnvironment.requestedBy(Map.of("BUILD_USER_ID", "jdoe@example.com")))
                .hasValue("jdoe@example.com");
    }

    @Test
    void fallsBackToLarderRequestedByThenNothing() {
        assertThat(CiEnvironment.requestedBy(Map.of("LARDER_REQUESTED_BY", "ops@example.com")))
                .hasValue("ops@example.com");
        assertThat(CiEnvironment.requestedBy(Map.of("GITHUB_ACTOR", " ", "LARDER_REQUESTED_BY", "ops@example.com")))
                .as("blank values count as unset").hasValue("ops@example.com");
        assertThat(CiEnvironment.requestedBy(Map.of())).isEmpty();
        assertThat(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "false"))).isEmpty();
    }

    @Test
    void optionsOverrideWhatWasDetectedFieldByField() {
        assertThat(CiEnvironment.ciDetails(JENKINS, null, null, "cafe")).isEqualTo(new CiDetails("jenkins",
                "https://jenkins.example.com/job/orders/12/", "cafe"));
        assertThat(CiEnvironment.ciDetails(Map.of(), "buildkite", "https://buildkite.com/acme/1", null))
                .isEqualTo(new CiDetails("buildkite", "https://buildkite.com/acme/1", null));
        assertThat(CiEnvironment.ciDetails(Map.of(), null, null, null)).isNull();
    }
}
