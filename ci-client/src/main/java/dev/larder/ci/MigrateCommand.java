package dev.larder.ci;

import dev.larder.events.CloudEvent;
import dev.larder.events.EventJson;
import dev.larder.events.EventTypes;
import dev.larder.events.SchemaValidation;
import dev.larder.events.Topics;
import dev.larder.events.common.CiDetails;
import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import dev.larder.events.migration.MigrationRequested;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code larder-ci migrate}: pack the migration directory, send it to Larder, wait for and print the outcome. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        versionProvider = LarderCi.Version.class,
        description = {
            "Sends the Flyway migrations in --dir to Larder as one bundle (a dev.larder.migration.requested.v1"
                    + " command on Kafka, or POST /api/v1/datastores/{id}/migrations with --api) and waits until"
                    + " Larder answers that the migration succeeded or failed.",
            "Findings, the outcome and, on failure, where it failed and which clusters are at which version are"
                    + " printed for the CI log."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the migration succeeded",
            "1:the migration failed (validation, lint errors, shadow run or apply)",
            "2:usage or packing error, Kafka/API unreachable, or Larder refused the request",
            "3:no answer within --timeout"})
final class MigrateCommand implements Callable<Integer> {

    static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nDatastore (one of):%n", order = 0)
    Target target;

    static final class Target {
        @Option(names = "--datastore-id", paramLabel = "ID", required = true,
                description = "Larder's id of the datastore.")
        Long id;

        @ArgGroup(exclusive = false, multiplicity = "1")
        ByName byName;
    }

    static final class ByName {
        @Option(names = "--service", paramLabel = "SERVICE", required = true,
                description = "The owning service, e.g. orders.")
        String service;

        @Option(names = "--name", paramLabel = "NAME", required = true,
                description = "The datastore's name, e.g. orders_db.")
        String name;

        @Option(names = "--environment", paramLabel = "ENV", required = true, description = "dev, staging or prod.")
        String environment;
    }

    @Option(names = "--dir", paramLabel = "PATH", defaultValue = "db/migration", order = 10,
            description = "The Flyway migration directory, searched like Flyway does, subdirectories included."
                    + " Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--ignore-other-files", order = 11,
            description = "Leave out files that are not V<version>__<description>.sql instead of refusing.")
    boolean ignoreOtherFiles;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "5242880", order = 12,
            description = "Refuse a bundle whose files add up to more than N bytes (UTF-8). Default: ${DEFAULT-VALUE}"
                    + " (5 MiB, the backend's limit).")
    long maxBytes;

    @Option(names = "--requested-by", paramLabel = "PRINCIPAL", order = 20,
            description = "Who asks: an email or a Backstage user ref (user:default/jane). Default: from the CI"
                    + " environment (GITHUB_ACTOR, Jenkins BUILD_USER_EMAIL/BUILD_USER_ID), else"
                    + " $LARDER_REQUESTED_BY.")
    String requestedBy;

    @Option(names = "--ci-system", paramLabel = "NAME", order = 21,
            description = "CI system recorded with the migration. Default: github-actions or jenkins, detected.")
    String ciSystem;

    @Option(names = "--run-url", paramLabel = "URL", order = 22,
            description = "Link to the CI run. Default: detected (GitHub Actions run page, Jenkins $BUILD_URL).")
    String runUrl;

    @Option(names = "--commit", paramLabel = "SHA", order = 23,
            description = "The commit built. Default: $GITHUB_SHA or $GIT_COMMIT.")
    String commit;

    @Option(names = "--command-id", paramLabel = "ID", order = 24,
            description = "Idempotency id of this request ([A-Za-z0-9._:-], at most 100). Default: ci- and a hash"
                    + " of the datastore and the files, so a retried job is answered again, not applied twice.")
    String commandId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "600", converter = DurationConverter.class,
            order = 25, description = "How long to wait for the answer: seconds or ISO-8601 (PT15M). Default: 600.")
    Duration timeout;

    @Option(names = "--json", order = 26,
            description = "Print Larder's answer as JSON (the event, or the migration resource) instead of text.")
    boolean json;

    @Option(names = "--dry-run", order = 27,
            description = "Pack and check the bundle and print what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", order = 30,
            description = "Kafka bootstrap servers. Default: $LARDER_KAFKA_BOOTSTRAP, else " + DEFAULT_BOOTSTRAP + ".")
    String bootstrap;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", order = 31,
            description = "Kafka client property (repeatable), e.g. security.protocol=SASL_SSL; prefix the key with"
                    + " producer. or consumer. for one client only. Overrides larder-ci's own settings.")
    List<String> kafkaProperties = new ArrayList<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", order = 32,
            description = "Kafka client properties file (keys as for --kafka-property, which win over it); keeps"
                    + " SASL/TLS secrets off the command line. Default: $LARDER_KAFKA_CONFIG.")
    Path kafkaConfig;

    @Option(names = "--commands-topic", paramLabel = "TOPIC", defaultValue = Topics.COMMANDS, order = 33,
            description = "Default: ${DEFAULT-VALUE}.")
    String commandsTopic;

    @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = Topics.EVENTS, order = 34,
            description = "Default: ${DEFAULT-VALUE}.")
    String eventsTopic;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = Topics.COMMANDS_DLQ, order = 35,
            description = "Watched so a command Larder cannot use fails at once (exit 2) instead of timing out;"
                    + " skipped if missing or not readable; empty to disable. Default: ${DEFAULT-VALUE}.")
    String dlqTopic;

    @Option(names = "--api", paramLabel = "URL", order = 40,
            description = "Use Larder's REST API at URL (e.g. https://larder.example.com) instead of Kafka."
                    + " Needs --datastore-id.")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", order = 41,
            description = "Bearer token for --api. Default: $LARDER_TOKEN (prefer it: arguments show in process"
                    + " lists).")
    String token;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "2", converter = DurationConverter.class)
    Duration pollInterval;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    MigrateCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        DatastoreRef datastore = datastore();
        checkOptions(datastore);
        Consumer<String> progress = json ? err::println : out::println;
        Consumer<String> warn = message -> err.println("larder-ci: warning: " + message);

        Bundle bundle = BundlePacker.pack(dir, maxBytes, ignoreOtherFiles);
        String who = requestedBy != null ? requestedBy : CiEnvironment.requestedBy(env).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "Missing --requested-by: pass it, set"
                        + " LARDER_REQUESTED_BY, or run in GitHub Actions (GITHUB_ACTOR) or Jenkins"
                        + " (BUILD_USER_EMAIL/BUILD_USER_ID)"));
        CiDetails ci = CiEnvironment.ciDetails(env, ciSystem, runUrl, commit);
        String id = commandId != null ? commandId : CommandIds.stable(datastore, bundle.files());
        MigrationRequested data = new MigrationRequested(id, datastore, bundle.files(), who, ci);
        CloudEvent<MigrationRequested> command = CloudEvent.of(EventTypes.MIGRATION_REQUESTED,
                source(ci), datastore.key(), data);

        progress.accept("Packed " + bundle.files().size() + (bundle.files().size() == 1 ? " migration" : " migrations")
                + " from " + dir + " (" + versionRange(bundle) + ", " + bundle.bytes() + " bytes) for datastore "
                + datastore.key() + " as command " + id);
        if (!bundle.ignored().isEmpty()) {
            progress.accept("Left out (--ignore-other-files): " + String.join(", ", bundle.ignored()));
        }
        if (api == null || dryRun) {
            List<String> problems = new SchemaValidation().validate(command.type(), EventJson.write(command));
            if (!problems.isEmpty()) {
                throw CliException.packing("Larder would refuse this command; nothing was sent:\n  "
                        + String.join("\n  ", problems));
            }
        }
        if (dryRun) {
            printDryRun(command);
            return ExitCodes.SUCCEEDED;
        }

        Outcome outcome;
        if (api != null) {
            String bearer = token != null ? token : env.get("LARDER_TOKEN");
            outcome = new RestTransport(api, bearer, pollInterval).submit(datastore.id(), data, timeout, progress, warn);
        } else {
            String servers = bootstrap != null ? bootstrap
                    : env.getOrDefault("LARDER_KAFKA_BOOTSTRAP", "").isBlank() ? DEFAULT_BOOTSTRAP
                    : env.get("LARDER_KAFKA_BOOTSTRAP").trim();
            progress.accept("Kafka " + servers + ": sending to " + commandsTopic + ", answers from " + eventsTopic);
            outcome = new KafkaTransport(servers, kafkaProperties(), commandsTopic, eventsTopic, dlqTopic)
                    .submit(command, timeout, progress, warn);
        }

        if (json) {
            out.println(outcome.json());
        } else {
            out.print(Report.text(outcome));
            boolean serverSide = outcome.failure() != null && ("apply".equals(outcome.failure().stage())
                    || "shadow".equals(outcome.failure().stage()));
            if (serverSide && commandId == null) {
                out.println("Sending these same files again answers with this failure again (same command id);"
                        + " once the cause is fixed on the server side (e.g. after repair), pass a new --command-id.");
            }
        }
        return outcome.exitCode();
    }

    private DatastoreRef datastore() {
        if (target.id != null) {
            return DatastoreRef.byId(target.id);
        }
        return DatastoreRef.byName(target.byName.service, target.byName.name, target.byName.environment);
    }

    private void checkOptions(DatastoreRef datastore) {
        CommandLine commandLine = spec.commandLine();
        if (datastore.hasId() && datastore.id() < 1) {
            throw new CommandLine.ParameterException(commandLine, "--datastore-id must be a positive number");
        }
        if (!datastore.hasId() && !ENVIRONMENTS.contains(datastore.environment())) {
            throw new CommandLine.ParameterException(commandLine, "--environment must be dev, staging or prod, not '"
                    + datastore.environment() + "'");
        }
        if (commandId != null && !COMMAND_ID.matcher(commandId).matches()) {
            throw new CommandLine.ParameterException(commandLine, "--command-id must be 1 to 100 of A-Z a-z 0-9 . _"
                    + " : -, not '" + commandId + "'");
        }
        if (maxBytes < 1) {
            throw new CommandLine.ParameterException(commandLine, "--max-bytes must be positive");
        }
        for (String property : kafkaProperties) {
            if (property.indexOf('=') <= 0) {
                throw new CommandLine.ParameterException(commandLine, "--kafka-property '" + property
                        + "' is not KEY=VALUE");
            }
        }
        if (api != null) {
            if (!datastore.hasId()) {
                throw new CommandLine.ParameterException(commandLine, "--api needs --datastore-id (the REST API"
                        + " addresses datastores by id)");
            }
            if (bootstrap != null || !kafkaProperties.isEmpty() || kafkaConfig != null) {
                throw new CommandLine.ParameterException(commandLine, "--api and --bootstrap/--kafka-property/--kafka-config are"
                        + " alternatives: choose REST or Kafka");
            }
            if (!api.startsWith("http://") && !api.startsWith("https://")) {
                throw new CommandLine.ParameterException(commandLine, "--api must be an http(s) URL, not '" + api
                        + "'");
            }
        }
    }

    /** The properties file's entries (--kafka-config, else $LARDER_KAFKA_CONFIG), then --kafka-property. */
    List<String> kafkaProperties() {
        List<String> all = new ArrayList<>();
        Path file = kafkaConfig != null ? kafkaConfig
                : env.getOrDefault("LARDER_KAFKA_CONFIG", "").isBlank() ? null
                : Path.of(env.get("LARDER_KAFKA_CONFIG").trim());
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw CliException.packing("cannot read the Kafka client properties " + file + ": " + e);
            }
            properties.stringPropertyNames().stream().sorted()
                    .forEach(key -> all.add(key + "=" + properties.getProperty(key)));
        }
        all.addAll(kafkaProperties);
        return all;
    }

    /** {@code /ci/<system>}, or {@code /ci/cli} outside CI; the system reduced to URI-safe characters. */
    static String source(CiDetails ci) {
        String system = ci == null || ci.system() == null ? "cli" : ci.system().replaceAll("[^A-Za-z0-9._~-]", "-");
        return "/ci/" + system;
    }

    private static String versionRange(Bundle bundle) {
        List<String> versions = bundle.versions();
        return versions.size() == 1 ? "V" + versions.get(0)
                : "V" + versions.get(0) + " … V" + versions.get(versions.size() - 1);
    }

    private void printDryRun(CloudEvent<MigrationRequested> command) {
        if (json) {
            out.println(api != null ? RestTransport.body(command.data()) : EventJson.write(command));
            return;
        }
        MigrationRequested data = command.data();
        out.println("Dry run: nothing sent. " + (api != null ? "POST " + api + "/api/v1/datastores/"
                + data.datastore().id() + "/migrations" : "Kafka topic " + commandsTopic + ", key "
                + command.key()));
        out.println("  command id:   " + data.commandId());
        out.println("  requested by: " + data.requestedBy());
        if (data.ci() != null) {
            out.println("  ci:           " + String.join(" ", nonNull(data.ci().system(), data.ci().runUrl(),
                    data.ci().commit())));
        }
        for (MigrationFileSpec file : data.files()) {
            out.println("  " + file.name() + "  sha256 " + file.sha256());
        }
    }

    private static List<String> nonNull(String... values) {
        List<String> list = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                list.add(value);
            }
        }
        return list;
    }
}
