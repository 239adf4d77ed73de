package dev.larder.backend.migration;

import dev.larder.backend.testing.KafkaCommands;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.common.CiDetails;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds and sends migration commands the way a CI pipeline does. */
public final class MigrationCommands {

    private MigrationCommands() {
    }

    public static Map<String, String> files(String... nameThenContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            files.put(nameThenContent[i], nameThenContent[i + 1]);
        }
        return files;
    }

    public static String command(String commandId, long datastoreId, Map<String, String> files) {
        List<MigrationFileSpec> specs = new ArrayList<>();
        files.forEach((name, content) -> specs.add(new MigrationFileSpec(name, sha256(content), content)));
        return EventJson.write(CloudEvent.of(EventTypes.MIGRATION_REQUESTED, "/ci/test", String.valueOf(datastoreId),
                new MigrationRequested(commandId, DatastoreRef.byId(datastoreId), specs, "ci-bot@example.com",
                        new CiDetails("github-actions", "https://ci.example.com/runs/1", "0123abc"))));
    }

    public static void send(String bootstrap, String key, String value) throws Exception {
        KafkaCommands.send(bootstrap, key, value);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
