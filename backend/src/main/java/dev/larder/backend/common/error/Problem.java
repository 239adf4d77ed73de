package dev.larder.backend.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document, served as application/problem+json. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        String correlationId, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
