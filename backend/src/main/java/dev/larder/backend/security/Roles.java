package dev.larder.backend.security;

public final class Roles {

    /** The datastore team: may register clusters, manage teams and act for every team. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    /** Carried by service tokens trusted to name the person they act for (X-Larder-On-Behalf-Of). */
    public static final String ON_BEHALF_OF = "larder:on-behalf-of";

    /** Carried by the Slack bot's own service token: it may record where it posted approval requests. */
    public static final String SLACK_BOT = "slack-bot";

    private Roles() {
    }
}
