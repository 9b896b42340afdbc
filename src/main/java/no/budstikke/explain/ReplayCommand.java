package no.budstikke.explain;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import no.budstikke.startup.ConfigFolder;
import no.budstikke.config.CamelSettings;
import no.budstikke.config.ConfigErrors;
import no.budstikke.config.ConfigException;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.model.NoticeJson;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import no.budstikke.store.StorageException;

/**
 * {@code explain --replay --config DIR [--from T] [--to T] [--json]}: a shadow run. Decides the
 * events the hub dispatched in a window again with the candidate config folder {@code DIR} and
 * prints what would differ from what the hub decided. The hub's database is found by the hub's
 * own settings (its application.properties, system properties and environment, as a start reads
 * them), opened read-only; nothing is stored or sent.
 *
 * <p>Exit status: 0 the report was printed (differences or not), 2 a usage error, 78 the candidate
 * folder (or the hub's settings) is invalid, 69 the database cannot be read, 1 the candidate
 * cannot decide a stored event.
 */
public final class ReplayCommand {

    public static final int OK = 0;
    public static final int UNDECIDABLE = 1;
    public static final int USAGE_ERROR = 2;
    /** sysexits.h EX_UNAVAILABLE. */
    public static final int DATABASE_UNAVAILABLE = 69;

    static final String USAGE = "usage: explain --replay --config CANDIDATE_DIR [--from T] [--to T] [--json]\n"
            + "  T: 2026-11-01 (UTC midnight) or 2026-11-01T08:00:00+01:00; the events received in [from, to)";

    private ReplayCommand() {
    }

    /**
     * @param args the arguments after {@code explain}, {@code --replay} among them
     * @param hubProperties the hub's application.properties, for the database settings
     */
    public static int run(List<String> args, Path hubProperties, PrintStream out, PrintStream err) {
        Path candidate = null;
        OffsetDateTime from = null;
        OffsetDateTime to = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            switch (a) {
                case "--replay" -> {
                }
                case "--json" -> json = true;
                case "--config", "--from", "--to" -> {
                    if (!hasValue) return usage(err, a + " needs a value");
                    String v = args.get(++i);
                    if (a.equals("--config")) {
                        candidate = Path.of(v);
                    } else {
                        OffsetDateTime t = time(v);
                        if (t == null) return usage(err, a + " '" + v + "' is not a date (2026-11-01) or an RFC 3339 time");
                        if (a.equals("--from")) from = t; else to = t;
                    }
                }
                default -> {
                    return usage(err, "unexpected argument '" + a + "'");
                }
            }
        }
        if (candidate == null) return usage(err, "--config CANDIDATE_DIR is required");
        if (from != null && to != null && !from.isBefore(to)) return usage(err, "--from must be before --to");

        Dispatcher dispatcher;
        HubSettings hub;
        try {
            // The whole candidate folder, as a start checks it: a change that replays well must also start.
            dispatcher = new Dispatcher(ConfigFolder.check(candidate).dispatch());
            if (!Files.isRegularFile(hubProperties)) {
                throw new ConfigException(hubProperties + ": not found; expected the hub's settings file, for its database "
                        + "(set budstikke.config.dir or BUDSTIKKE_CONFIG_DIR to the hub's config folder)");
            }
            hub = CamelSettings.settingsWithSecrets(CamelSettings.standalone(hubProperties));
        } catch (ConfigException e) {
            ConfigErrors.print("explain --replay", e, err);
            return ConfigErrors.EX_CONFIG;
        }

        DatabaseSettings database;
        try {
            database = DatabaseSettings.from(hub);
        } catch (ConfigException e) {
            ConfigErrors.print("explain --replay", e, err);
            return ConfigErrors.EX_CONFIG;
        }
        Path dataDir = database.dataDir();
        if (database.embedded() && !Files.isRegularFile(Database.embeddedFile(dataDir))) {
            err.println("explain --replay: no hub database in " + dataDir.toAbsolutePath()
                    + " (budstikke.db.url is blank, so the hub's H2 file would be there)");
            return DATABASE_UNAVAILABLE;
        }
        ShadowReport report = new ShadowReport(candidate.toString(), from, to);
        try (Database db = database.openForReading()) {
            new ShadowRun(new Transactions(db.dataSource()), dispatcher).run(from, to, report);
        } catch (ShadowRun.UndecidableEvent e) {
            err.println("explain --replay: " + e.getMessage());
            return UNDECIDABLE;
        } catch (StorageException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            err.println("explain --replay: cannot read the hub's database: " + reason(e));
            return DATABASE_UNAVAILABLE;
        }
        out.print(json ? NoticeJson.pretty(report.json()) + "\n" : report.text());
        return OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("explain --replay: " + problem + "\n" + USAGE);
        return USAGE_ERROR;
    }

    private static OffsetDateTime time(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The innermost message: the driver's reason (refused, authentication, a missing table), never a value of an event. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
