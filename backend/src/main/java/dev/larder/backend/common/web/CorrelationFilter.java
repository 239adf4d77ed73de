package dev.larder.backend.common.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Carries X-Correlation-Id from request to response and into audit records, and notes the person named in
 * X-Larder-On-Behalf-Of (honoured only for service tokens trusted to name one; see Caller).
 */
public class CorrelationFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String ON_BEHALF_OF = "X-Larder-On-Behalf-Of";
    private static final java.util.regex.Pattern PERSON = java.util.regex.Pattern.compile(
            "user:[A-Za-z0-9._-]+/[A-Za-z0-9._-]+|[^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}");

    @Inject
    RequestMetadata metadata;

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        metadata.adoptCorrelationId(request.getHeaderString(HEADER));
        String person = request.getHeaderString(ON_BEHALF_OF);
        if (person != null && PERSON.matcher(person.strip()).matches()) {
            metadata.onBehalfOf(person.strip());
        }
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, metadata.correlationId());
    }
}
