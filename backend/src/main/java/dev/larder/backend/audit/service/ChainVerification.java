package dev.larder.backend.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The result of walking the hash chain: intact, or the first event that does not match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long eventsChecked, BrokenLink firstBroken) {

    public record BrokenLink(Long id, long seq, String action, String reason) {
    }
}
