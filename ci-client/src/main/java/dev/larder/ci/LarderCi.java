package dev.larder.ci;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code larder-ci}: the command-line tool CI pipelines use to ship a datastore's Flyway migrations to Larder and
 * wait for the answer. {@link #run} is the whole program without {@code System.exit}, for tests and for embedding;
 * every input (arguments, environment) is a parameter and all output goes to the given streams.
 */
public final class LarderCi {

    private LarderCi() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs {@code larder-ci} with these arguments (e.g. {@code migrate --datastore-id 42 --dir db/migration}).
     *
     * @param out receives the report (and usage help asked for with --help)
     * @param err receives errors, warnings and usage errors
     * @param env the environment: CI variables (GITHUB_*, JENKINS_URL, BUILD_*), LARDER_KAFKA_BOOTSTRAP,
     *            LARDER_REQUESTED_BY, LARDER_TOKEN
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.addSubcommand("migrate", new CommandLine(new MigrateCommand(out, err, env)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(LarderCi::usageError);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> failed(ex, cmd));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A usage error: the message, the synopsis, where to find the rest; exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("larder-ci: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for all options.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failed(Exception ex, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CliException cli) {
            err.println("larder-ci: " + cli.getMessage());
            err.flush();
            return cli.exitCode();
        }
        err.println("larder-ci: unexpected error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.USAGE;
    }

    @Command(name = "larder-ci", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Ships a datastore's Flyway migrations to Larder from CI and waits for the outcome.",
            synopsisSubcommandLabel = "COMMAND")
    static final class Root implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: larder-ci migrate …");
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LarderCi.class.getPackage().getImplementationVersion();
            return new String[] {"larder-ci " + (version == null ? "(development build)" : version)};
        }
    }
}
