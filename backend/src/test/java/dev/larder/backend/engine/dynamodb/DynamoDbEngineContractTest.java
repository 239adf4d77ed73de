package dev.larder.backend.engine.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineContract;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.DynaliteTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The engine contract against dynalite ({@link DynaliteTestResource}), data written and read back with the AWS SDK.
 * DynamoDB's owner credential is a rendered IAM policy, not a password (what the policies allow is proven in
 * {@link DynamoDbDatastoreTest}), so the contract's password checks are skipped and data is written as the
 * administrator.
 */
@QuarkusTest
class DynamoDbEngineContractTest extends EngineContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "larder.it.dynamodb.host")
    String host;

    @ConfigProperty(name = "larder.it.dynamodb.port")
    int port;

    @ConfigProperty(name = "larder.it.dynamodb.access-key")
    String accessKey;

    @ConfigProperty(name = "larder.it.dynamodb.secret-key")
    String secretKey;

    @Override
    protected DatastoreKind kind() {
        return DatastoreKind.DYNAMODB;
    }

    @Override
    protected ClusterEndpoint cluster() {
        return new ClusterEndpoint(DynaliteTestResource.CLUSTER, host, port, accessKey, new Secret(secretKey));
    }

    @Override
    protected JsonNode spec() {
        return JSON.createObjectNode().set("partitionKey", JSON.createObjectNode().put("name", "id").put("type", "S"));
    }

    private DynamoDbClient sdk() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://" + host + ":" + port))
                .region(Region.of(DynaliteTestResource.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey))).build();
    }

    @Override
    protected void write(Tenant tenant, Secret ownerPassword) {
        try (DynamoDbClient client = sdk()) {
            client.putItem(r -> r.tableName(tenant.physicalName()).item(Map.of("id", AttributeValue.fromS("contract"),
                    "note", AttributeValue.fromS("admin"))));
        }
    }

    @Override
    protected boolean canRead(Tenant tenant, String login, Secret password) {
        throw new UnsupportedOperationException("DynamoDB logins have no password");
    }

    @Override
    protected boolean canWrite(Tenant tenant, String login, Secret password) {
        throw new UnsupportedOperationException("DynamoDB logins have no password");
    }

    @Override
    protected boolean holdsData(Tenant tenant) {
        try (DynamoDbClient client = sdk()) {
            return client.scan(r -> r.tableName(tenant.physicalName()).limit(1)).count() > 0;
        } catch (ResourceNotFoundException gone) {
            return false;
        }
    }
}
