package dev.larder.backend.common.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The few HTML pages Larder serves itself (one-time links a person opens from chat): one plain layout, no script,
 * never cached, never framed, forms posting only to Larder.
 */
public final class HtmlPage {

    private HtmlPage() {
    }

    public static Response page(int status, String title, String body, String footer) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Larder — " + title
                + "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
                + "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}"
                + "h1{font-size:1.4rem}dt{font-weight:600;margin-top:.6rem}dd{margin:0;font-family:monospace}"
                + "pre{background:#f4f4f4;padding:.8rem;white-space:pre-wrap;word-break:break-all}"
                + "button{font-size:1rem;padding:.5rem 1rem}</style></head><body><h1>" + title + "</h1>" + body
                + "<footer><small>" + footer + "</small></footer></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .build();
    }

    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
