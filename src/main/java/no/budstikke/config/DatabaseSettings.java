package no.budstikke.config;

import no.budstikke.store.Database;

/** The hub's database as its settings name it: {@code budstikke.db.*}, or H2 under the data folder. */
public final class DatabaseSettings {

    private DatabaseSettings() {
    }

    public static Database open(HubSettings settings, int poolSize) {
        return Database.open(settings.string("budstikke.db.url", ""), settings.optional("budstikke.db.user").orElse(null),
                settings.optional("budstikke.db.password").orElse(null), settings.path("budstikke.data.dir", "var"), poolSize);
    }

    /** As {@link #open(HubSettings, int)}, for a tool that only reads (see {@link Database#openForReading(String, String, String, java.nio.file.Path)}). */
    public static Database openForReading(HubSettings settings) {
        return Database.openForReading(settings.string("budstikke.db.url", ""), settings.optional("budstikke.db.user").orElse(null),
                settings.optional("budstikke.db.password").orElse(null), settings.path("budstikke.data.dir", "var"));
    }
}
