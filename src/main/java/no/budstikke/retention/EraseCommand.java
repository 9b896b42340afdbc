package no.budstikke.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.budstikke.config.CamelSettings;
import no.budstikke.config.ConfigErrors;
import no.budstikke.config.ConfigException;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.store.Database;
import no.budstikke.store.Erasures;
import no.budstikke.store.Transactions;
import no.budstikke.store.RetentionLog;

/**
 * {@code erase --duf-number-file FILE} (or {@code -} for standard input): erases one person from the
 * hub's database, as {@code POST /api/v1/erasure} does, for when the hub's API cannot be used. The
 * DUF number is read from a file or a pipe, never taken as an argument: arguments end up in shell
 * history and process lists. The actor in the retention log is {@code cli:<operating system user>}.
 *
 * <p>Against the embedded H2 database, stop the hub first (H2 allows one process per file); against
 * PostgreSQL it runs beside the hub.
 */
public final class EraseCommand {

    static final String USAGE = "usage: erase --duf-number-file FILE   (FILE - reads standard input; the file holds one DUF number)";
    /** A DUF number file holds twelve digits and a line break: anything much larger is the wrong file. */
    private static final int MAX_BYTES = 64;

    private EraseCommand() {
    }

    /** 0 when erased, 2 on a usage error, 65 (EX_DATAERR) when the input is no DUF number, 78 on a config error. */
    public static int run(List<String> args, Path propertiesFile, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("--duf-number-file")) {
            err.println(USAGE);
            return 2;
        }
        String duf;
        try {
            duf = read(args.get(1).equals("-") ? stdin.readNBytes(MAX_BYTES + 1) : readFile(Path.of(args.get(1))));
        } catch (IOException e) {
            err.println("erase: " + args.get(1) + " cannot be read (" + e.getClass().getSimpleName() + ")");
            return 66;
        }
        if (!Erasure.isDufNumber(duf)) {
            // The input is not echoed: it may be personal data all the same.
            err.println("erase: the input is not a DUF number; expected twelve digits on one line, at most " + MAX_BYTES + " bytes");
            return 65;
        }
        Database db;
        try {
            HubSettings settings = CamelSettings.settingsWithSecrets(CamelSettings.standalone(propertiesFile));
            db = DatabaseSettings.from(settings).withPoolSize(2).open();
        } catch (ConfigException e) {
            ConfigErrors.print("erase", e, err);
            return ConfigErrors.EX_CONFIG;
        }
        try (db) {
            Transactions transactions = new Transactions(db.dataSource());
            Clock clock = Clock.systemUTC();
            Erasure.Result result = new Erasure(new Erasures(transactions), new RetentionLog(transactions, clock), clock)
                    .erase(duf, "cli:" + System.getProperty("user.name", "unknown"));
            out.println(describe(result));
            return 0;
        }
    }

    private static byte[] readFile(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) return new byte[MAX_BYTES + 1];
        return Files.readAllBytes(file);
    }

    private static String read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) return "";
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static String describe(Erasure.Result result) {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        ObjectNode counts = answer.putObject("counts");
        for (Map.Entry<String, Long> e : result.counts().entrySet()) counts.put(e.getKey(), e.getValue());
        result.eventKeys().forEach(answer.putArray("eventKeys")::add);
        return answer.toPrettyString();
    }
}
