package dev.larder.slack.slackapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Block Kit JSON, built the few ways the bot needs it. */
public final class Blocks {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode blocks = JSON.createArrayNode();

    public static Blocks of() {
        return new Blocks();
    }

    public Blocks section(String mrkdwn) {
        ObjectNode block = blocks.addObject().put("type", "section");
        block.set("text", text("mrkdwn", mrkdwn));
        return this;
    }

    public Blocks context(String mrkdwn) {
        ObjectNode block = blocks.addObject().put("type", "context");
        block.putArray("elements").add(text("mrkdwn", mrkdwn));
        return this;
    }

    /** A row of buttons; a block id lets tests and people find it. */
    public Blocks actions(String blockId, ObjectNode... buttons) {
        ObjectNode block = blocks.addObject().put("type", "actions").put("block_id", blockId);
        ArrayNode elements = block.putArray("elements");
        for (ObjectNode button : buttons) {
            elements.add(button);
        }
        return this;
    }

    /** A plain-text input; multiline for statements and reasons. */
    public Blocks input(String blockId, String actionId, String label, boolean multiline, String initial,
            boolean optional) {
        ObjectNode block = blocks.addObject().put("type", "input").put("block_id", blockId).put("optional", optional);
        block.set("label", text("plain_text", label));
        ObjectNode element = block.putObject("element").put("type", "plain_text_input").put("action_id", actionId)
                .put("multiline", multiline);
        if (initial != null && !initial.isBlank()) {
            element.put("initial_value", initial);
        }
        return this;
    }

    /** A static select with value = label options. */
    public Blocks select(String blockId, String actionId, String label, String initial, String... options) {
        ObjectNode block = blocks.addObject().put("type", "input").put("block_id", blockId);
        block.set("label", text("plain_text", label));
        ObjectNode element = block.putObject("element").put("type", "static_select").put("action_id", actionId);
        ArrayNode list = element.putArray("options");
        for (String option : options) {
            ObjectNode node = list.addObject().put("value", option);
            node.set("text", text("plain_text", option));
            if (option.equals(initial)) {
                element.set("initial_option", node.deepCopy());
            }
        }
        return this;
    }

    public static ObjectNode button(String actionId, String label, String value, String style) {
        ObjectNode button = JSON.createObjectNode().put("type", "button").put("action_id", actionId)
                .put("value", value);
        button.set("text", text("plain_text", label));
        if (style != null) {
            button.put("style", style);
        }
        return button;
    }

    /** Asks "are you sure?" before the click counts (Slack shows the dialog). */
    public static ObjectNode confirm(ObjectNode button, String title, String question, String yes) {
        ObjectNode confirm = button.putObject("confirm");
        confirm.set("title", text("plain_text", title));
        confirm.set("text", text("mrkdwn", question));
        confirm.set("confirm", text("plain_text", yes));
        confirm.set("deny", text("plain_text", "Cancel"));
        return button;
    }

    /** A modal view. */
    public String modal(String callbackId, String title, String submit, String privateMetadata) {
        ObjectNode view = JSON.createObjectNode().put("type", "modal").put("callback_id", callbackId)
                .put("private_metadata", privateMetadata == null ? "" : privateMetadata);
        view.set("title", text("plain_text", title));
        if (submit != null) {
            view.set("submit", text("plain_text", submit));
        }
        view.set("close", text("plain_text", "Cancel"));
        view.set("blocks", blocks);
        return view.toString();
    }

    @Override
    public String toString() {
        return blocks.toString();
    }

    static ObjectNode text(String type, String text) {
        ObjectNode node = JSON.createObjectNode().put("type", type).put("text", text);
        if ("plain_text".equals(type)) {
            node.put("emoji", true);
        }
        return node;
    }

    /** Long user text is cut visibly, within Slack's limits. */
    public static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int more = text.length() - max;
        return text.substring(0, max) + "… (" + more + " more characters not shown)";
    }

    /** Escapes what mrkdwn would read as markup or a mention. */
    public static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
