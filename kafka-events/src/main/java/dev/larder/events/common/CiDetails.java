package dev.larder.events.common;

/**
 * Where a command came from in CI, so a notice can link back to the run.
 *
 * @param system the CI system, e.g. {@code github-actions} or {@code jenkins}
 * @param runUrl the run's page
 * @param commit the commit the run built
 */
public record CiDetails(String system, String runUrl, String commit) {
}
