package dev.larder.events.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How a command names its datastore: by id, or by the owning service, the datastore's name and the environment
 * (what a CI pipeline knows before the datastore's id is known to it). Exactly one of the two forms is set.
 */
public record DatastoreRef(Long id, String service, String name, String environment) {

    public static DatastoreRef byId(long id) {
        return new DatastoreRef(id, null, null, null);
    }

    public static DatastoreRef byName(String service, String name, String environment) {
        return new DatastoreRef(null, service, name, environment);
    }

    /** True when the datastore is named by id. */
    @JsonIgnore
    public boolean hasId() {
        return id != null;
    }

    /**
     * The Kafka key and CloudEvent subject for a command about this datastore: the id as a string, or
     * {@code <service>/<name>/<environment>}.
     */
    public String key() {
        return id != null ? Long.toString(id) : service + "/" + name + "/" + environment;
    }
}
