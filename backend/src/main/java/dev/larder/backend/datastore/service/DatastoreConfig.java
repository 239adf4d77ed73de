package dev.larder.backend.datastore.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "larder.datastores")
public interface DatastoreConfig {

    /** How long a decommissioned datastore's data is kept before it is dropped. */
    @WithDefault("P7D")
    Duration retention();

    /** How often the retention job looks for data to drop. */
    @WithDefault("5m")
    String retentionCheckInterval();

    /** How often the recovery job looks for provisioning that a crash cut short. */
    @WithDefault("1m")
    String recoveryInterval();

    /** How long a datastore may sit in REQUESTED or PROVISIONING before the recovery job finishes it. */
    @WithDefault("PT2M")
    Duration recoveryGrace();

    /** Length of generated passwords (letters and digits). */
    @WithDefault("32")
    int passwordLength();
}
