package dev.larder.backend.common.web;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What we know about the current unit of work besides the caller: its correlation id and the channel
 * it came through (api, kafka, slack, scheduler). Request scoped: HTTP requests and scheduled jobs each get one.
 */
@RequestScoped
public class RequestMetadata {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private String correlationId;
    private String channel = "api";
    private String onBehalfOf;

    public String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        return correlationId;
    }

    /** Adopts a caller-supplied id only when it is short and plain; anything else gets a fresh id. */
    public void adoptCorrelationId(String candidate) {
        if (candidate != null && SAFE_ID.matcher(candidate).matches()) {
            correlationId = candidate;
        }
    }

    /** The person a trusted service token says it acts for (X-Larder-On-Behalf-Of), if any. */
    public String onBehalfOf() {
        return onBehalfOf;
    }

    public void onBehalfOf(String person) {
        this.onBehalfOf = person;
    }

    public String channel() {
        return channel;
    }

    public void channel(String channel) {
        this.channel = channel;
    }
}
