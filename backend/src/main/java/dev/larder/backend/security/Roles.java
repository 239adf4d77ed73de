package dev.larder.backend.security;

public final class Roles {

    /** The datastore team: may register clusters, manage teams and act for every team. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private Roles() {
    }
}
