package dev.larder.backend.engine;

import java.util.List;

/** What one cluster did with a bundle: the versions it applied now (in order) and how long it took. */
public record MigrationOutcome(List<String> versionsApplied, long durationMs, List<String> warnings) {
}
