package dev.larder.events.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a temporary login may do. */
public enum AccessLevel {
    @JsonProperty("read") READ,
    @JsonProperty("write") WRITE
}
