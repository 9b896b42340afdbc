package no.budstikke.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import no.budstikke.http.HttpAnswer;

/** The console's one stylesheet, read from the jar once; the CSP allows styles from here only. */
public final class StaticAssets {

    private final byte[] css;

    public StaticAssets() {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/console/console.css")) {
            if (in == null) throw new IllegalStateException("console/console.css is missing from the jar");
            css = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("console/console.css cannot be read", e);
        }
    }

    public HttpAnswer css() {
        return ConsoleHtml.secured(new HttpAnswer(200, "text/css; charset=utf-8", css, Map.of()));
    }
}
