package dev.larder.ci;

/** Ends the command with a message for the CI log (stderr) and an exit code from {@link ExitCodes}. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    /** The directory cannot be packed into a bundle, or the command would not pass the contract. */
    static CliException packing(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** Larder (or Kafka) did not take the request. */
    static CliException refused(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException timeout(String message) {
        return new CliException(ExitCodes.TIMEOUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
