package dev.larder.slack.bolt;

/** Every action id and callback id the bot's messages and modals use, in one place. */
public final class Ids {

    public static final String COMMAND = "/datastore";

    public static final String APPROVE = "approval_approve";
    public static final String REJECT = "approval_reject";
    public static final String EXECUTE = "datachange_execute";
    public static final String APPROVAL_BUTTONS = "approval_buttons";

    public static final String ACCESS_MODAL = "access_request";
    public static final String CHANGE_MODAL = "change_request";
    public static final String CHANGE_CONFIRM = "change_confirm";
    public static final String REJECT_MODAL = "approval_reject_reason";

    public static final String LEVEL = "level";
    public static final String DURATION = "duration";
    public static final String REASON = "reason";
    public static final String STATEMENTS = "statements";

    private Ids() {
    }
}
