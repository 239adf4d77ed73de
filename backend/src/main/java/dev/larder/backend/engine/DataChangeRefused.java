package dev.larder.backend.engine;

/** The guard stopped a data change: the message says why and what, if anything, was changed. */
public class DataChangeRefused extends EngineException {

    private final String statement;
    private final DataChanges.ExecutionReport partial;

    public DataChangeRefused(String message, String statement, DataChanges.ExecutionReport partial) {
        super(message, false);
        this.statement = statement;
        this.partial = partial;
    }

    public String statement() {
        return statement;
    }

    /** What committed before the refusal; zero transactions means the data is as it was. */
    public DataChanges.ExecutionReport partial() {
        return partial;
    }
}
