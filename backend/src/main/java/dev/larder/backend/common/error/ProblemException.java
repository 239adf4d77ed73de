package dev.larder.backend.common.error;

import java.util.List;

/**
 * A failure a caller can act on. Its detail is shown to the caller as is, so it must never carry a secret.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException invalid(String field, String rule, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new Violation(field, rule, message)));
    }

    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid; see violations";
        return new ProblemException(400, "Invalid request", detail, violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " '" + id + "' does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Cannot do that now", detail);
    }

    public static ProblemException badGateway(String detail) {
        return new ProblemException(502, "Datastore server error", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
