package dev.larder.backend.common.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The response carries a secret: it is never stored for Idempotency-Key replays, and it goes out with
 * {@code Cache-Control: no-store} ({@link SensitiveResponseFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SensitiveResponse {
}
