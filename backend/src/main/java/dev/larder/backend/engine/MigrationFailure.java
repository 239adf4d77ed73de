package dev.larder.backend.engine;

import java.util.List;

/**
 * A migration stopped on a server. Says where (file, version, statement), why (the server's message), what had
 * been applied before it, and whether the failed file may have left a partial state (non-transactional DDL).
 */
public class MigrationFailure extends EngineException {

    private final String version;
    private final String file;
    private final String statement;
    private final String serverError;
    private final List<String> appliedBefore;
    private final boolean partial;

    public MigrationFailure(String message, String version, String file, String statement, String serverError,
            List<String> appliedBefore, boolean partial) {
        super(message, false);
        this.version = version;
        this.file = file;
        this.statement = statement;
        this.serverError = serverError;
        this.appliedBefore = List.copyOf(appliedBefore);
        this.partial = partial;
    }

    public String version() {
        return version;
    }

    public String file() {
        return file;
    }

    public String statement() {
        return statement;
    }

    public String serverError() {
        return serverError;
    }

    public List<String> appliedBefore() {
        return appliedBefore;
    }

    /** True when the failed file ran DDL outside a transaction, so some of its statements may have taken effect. */
    public boolean partial() {
        return partial;
    }
}
