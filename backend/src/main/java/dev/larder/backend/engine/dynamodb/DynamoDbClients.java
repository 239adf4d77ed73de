package dev.larder.backend.engine.dynamodb;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.EngineException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Talks to one cluster with Larder's own keys (the cluster's admin user and password), through the endpoint the
 * cluster names: {@code https://host} on port 443 (AWS), {@code http://host:port} otherwise (dynalite, a VPC
 * endpoint proxy). A client per call: calls are rare (provisioning, migrations, metrics) and nothing goes stale when
 * a cluster's keys change. Errors become {@link EngineException}s naming the cluster, never carrying a key.
 */
@ApplicationScoped
class DynamoDbClients {

    private final DynamoDbConfig config;

    DynamoDbClients(DynamoDbConfig config) {
        this.config = config;
    }

    static String endpoint(ClusterEndpoint cluster) {
        return cluster.port() == 443 ? "https://" + cluster.host() : "http://" + cluster.host() + ":" + cluster.port();
    }

    <T> T call(ClusterEndpoint cluster, String what, Function<DynamoDbClient, T> work) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint(cluster)))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(cluster.adminUser(),
                        cluster.adminPassword().value())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(config.callTimeout()))
                .build()) {
            return work.apply(client);
        } catch (DynamoDbException e) {
            String reason = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage();
            throw new EngineException("DynamoDB cluster " + cluster.name() + " refused to " + what + ": " + reason,
                    false);
        } catch (SdkClientException e) {
            throw new EngineException("DynamoDB cluster " + cluster.name() + " (" + endpoint(cluster)
                    + ") could not " + what + ": " + e.getMessage(), true);
        }
    }
}
