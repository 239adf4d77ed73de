package dev.larder.ci;

/** What {@code larder-ci} exits with; CI pipelines branch on these. */
public final class ExitCodes {

    /** Larder applied the migration on every cluster (or everything in the bundle was already applied). */
    public static final int SUCCEEDED = 0;
    /** Larder answered that the migration failed: lint errors, shadow run, apply on a cluster, or validation. */
    public static final int MIGRATION_FAILED = 1;
    /**
     * Nothing was applied because of the request itself: bad options, a migration directory that cannot be packed,
     * a command that the contract rejects, Kafka or the API unreachable, or Larder refused the request
     * (REST problem response, or the command went to the dead-letter topic).
     */
    public static final int USAGE = 2;
    /** No answer within {@code --timeout}; the migration may still be queued or running. */
    public static final int TIMEOUT = 3;

    private ExitCodes() {
    }
}
