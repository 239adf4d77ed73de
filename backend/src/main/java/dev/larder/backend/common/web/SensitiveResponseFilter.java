package dev.larder.backend.common.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Answers of {@link SensitiveResponse} methods carry a secret: no cache, proxy or browser may keep them. */
public class SensitiveResponseFilter {

    @ServerResponseFilter
    public void noStore(ContainerResponseContext response, ResourceInfo resource) {
        if (resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(SensitiveResponse.class)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
