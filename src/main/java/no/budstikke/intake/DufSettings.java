package no.budstikke.intake;

import java.util.Optional;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The DUF SQL queue's database ({@code budstikke.duf.*}), when the queue is switched on. The
 * table, batch size and poll interval are read by its route.
 */
public record DufSettings(String url, Optional<String> user, Optional<String> password) {

    public static final Setting<Boolean> ENABLED = Setting.flag("budstikke.duf.enabled", false);
    /** Required when the queue is on. */
    public static final Setting<String> URL = Setting.text("budstikke.duf.db.url");
    public static final Setting<String> USER = Setting.text("budstikke.duf.db.user");
    public static final Setting<String> PASSWORD = Setting.text("budstikke.duf.db.password");

    /** The DUF database, or empty when the queue is off. */
    public static Optional<DufSettings> from(HubSettings settings) {
        if (!ENABLED.in(settings)) return Optional.empty();
        return Optional.of(new DufSettings(URL.in(settings), USER.given(settings), PASSWORD.given(settings)));
    }
}
