package dev.larder.backend.engine.opensearch;

import dev.larder.backend.engine.ClusterEndpoint;
import dev.larder.backend.engine.DatastoreKind;
import dev.larder.backend.engine.EngineContract;
import dev.larder.backend.engine.Tenant;
import dev.larder.backend.secrets.Secret;
import dev.larder.backend.testing.OpenSearchHttp;
import dev.larder.backend.testing.OpenSearchHttp.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** The engine contract against the tests' OpenSearch node, over HTTPS as the users the engine made. */
@QuarkusTest
class OpenSearchEngineContractTest extends EngineContract {

    private final OpenSearchHttp node = OpenSearchHttp.node();

    @Override
    protected DatastoreKind kind() {
        return DatastoreKind.OPENSEARCH;
    }

    @Override
    protected ClusterEndpoint cluster() {
        return new ClusterEndpoint(OpenSearchHttp.CLUSTER, OpenSearchHttp.host(), OpenSearchHttp.port(),
                OpenSearchHttp.adminUser(), new Secret(OpenSearchHttp.adminPassword()));
    }

    @Override
    protected void write(Tenant tenant, Secret ownerPassword) {
        node.index(tenant.login(), ownerPassword.value(), tenant.physicalName(), "contract", Map.of("note", "owner"))
                .expect(201);
    }

    @Override
    protected boolean canRead(Tenant tenant, String login, Secret password) {
        Reply reply = node.search(login, password.value(), tenant.physicalName());
        return reply.status() == 200 && reply.body().path("hits").path("total").path("value").asLong() > 0;
    }

    @Override
    protected boolean canWrite(Tenant tenant, String login, Secret password) {
        int status = node.index(login, password.value(), tenant.physicalName(), login, Map.of("note", login)).status();
        return status == 200 || status == 201;
    }

    @Override
    protected boolean holdsData(Tenant tenant) {
        Reply reply = node.asAdmin("GET", "/" + tenant.physicalName() + "-v*/_count?expand_wildcards=all", null)
                .expect(200);
        return reply.body().path("count").asLong() > 0;
    }
}
