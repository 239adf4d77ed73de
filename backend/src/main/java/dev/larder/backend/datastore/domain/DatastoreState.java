package dev.larder.backend.datastore.domain;

/** REQUESTED → PROVISIONING → READY | FAILED → DECOMMISSIONING → DECOMMISSIONED. */
public enum DatastoreState {
    REQUESTED, PROVISIONING, READY, FAILED, DECOMMISSIONING, DECOMMISSIONED;

    public boolean provisionable() {
        return this == REQUESTED || this == PROVISIONING || this == FAILED;
    }
}
