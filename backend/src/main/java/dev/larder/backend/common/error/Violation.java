package dev.larder.backend.common.error;

/** One broken rule: which field, which rule, and what a person should do about it. */
public record Violation(String field, String rule, String message) {
}
