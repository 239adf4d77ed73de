package dev.larder.backend.common.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Carries X-Correlation-Id from request to response and into audit records. */
public class CorrelationFilter {

    public static final String HEADER = "X-Correlation-Id";

    @Inject
    RequestMetadata metadata;

    @ServerRequestFilter(preMatching = true)
    public void adopt(ContainerRequestContext request) {
        metadata.adoptCorrelationId(request.getHeaderString(HEADER));
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, metadata.correlationId());
    }
}
