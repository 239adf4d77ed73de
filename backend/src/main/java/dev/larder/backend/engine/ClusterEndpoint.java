package dev.larder.backend.engine;

import dev.larder.backend.secrets.Secret;

/** How to reach one server of a cluster as its administrator. */
public record ClusterEndpoint(String name, String host, int port, String adminUser, Secret adminPassword) {
}
