package dev.larder.backend.datachange.service;

import dev.larder.backend.engine.DataChanges.Guard;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.datachanges")
public interface DataChangeConfig {

    /** At most this many statements per change. */
    @WithDefault("20")
    int maxStatements();

    /** Rows a transaction may touch before a statement runs in chunks by primary key. */
    @WithDefault("1000")
    int maxRowsPerTransaction();

    /** No chunk may hold its locks longer than this; chunks shrink to stay under half of it. */
    @WithDefault("1s")
    Duration chunkTime();

    /** Pause between chunks, so other writers get their turn. */
    @WithDefault("100ms")
    Duration chunkPause();

    /** lock_wait_timeout and innodb_lock_wait_timeout for the change's session. */
    @WithDefault("5s")
    Duration lockWaitTimeout();

    /** The longest one statement may run. */
    @WithDefault("60s")
    Duration statementTimeout();

    /** How far the rows a statement touches at execution may differ from the approved estimate (fraction)… */
    @WithDefault("0.1")
    double tolerance();

    /** …or in rows, whichever is larger. */
    @WithDefault("2")
    long toleranceRows();

    /**
     * How long before-images are kept after a change finishes; then they are deleted (they hold copies of the
     * rows, personal data included) and the change can no longer be rolled back.
     */
    @WithDefault("30d")
    Duration imageRetention();

    /** How often the image retention job runs. */
    @WithDefault("1h")
    Duration imageRetentionCheckInterval();

    Environments environments();

    interface Environments {
        Policy dev();

        Policy staging();

        Policy prod();
    }

    interface Policy {
        /** Above this many estimated rows a platform-admin must be among the approvers. */
        @WithDefault("1000")
        long rowCap();

        /** Run the change as soon as it is approved, instead of waiting for the requester. */
        @WithDefault("false")
        boolean autoExecute();
    }

    default Policy policy(String environment) {
        return switch (environment) {
            case "prod" -> environments().prod();
            case "staging" -> environments().staging();
            default -> environments().dev();
        };
    }

    default Guard guard() {
        return new Guard(lockWaitTimeout(), statementTimeout(), maxRowsPerTransaction(), chunkTime(), chunkPause(),
                tolerance(), toleranceRows());
    }
}
