package no.budstikke.retention;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import no.budstikke.dispatch.config.ConfigSchemas;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.dispatch.config.YamlFile;

/**
 * Reads {@code retention.yaml} from the config folder, validates it against
 * {@code classpath:schemas/config/retention.schema.json}, and checks that the journal outlives the
 * data it describes. Problems are reported like every config file's:
 * {@code <file>:<line> at <json pointer>: <what is wrong>; expected <what>}.
 */
public final class RetentionLoader {

    public static final String FILE = "retention.yaml";
    private static final int DAYS_PER_YEAR = 365;

    private RetentionLoader() {
    }

    /** @throws no.budstikke.config.ConfigException listing every problem */
    public static Retention load(Path configDir) {
        Problems problems = new Problems();
        Optional<YamlFile> file = YamlFile.read(configDir.resolve(FILE),
                "the retention periods: eventPayloads, noticeContents, quarantine and journal", problems)
                .filter(f -> new ConfigSchemas().validate(f, "retention.schema.json", problems));
        Retention retention = file.map(f -> read(f, problems)).orElse(null);
        problems.throwIfAny("retention configuration");
        return retention;
    }

    private static Retention read(YamlFile file, Problems problems) {
        JsonNode root = file.root();
        Retention r = new Retention(root.at("/eventPayloads/daysAfterCaseQuiet").asInt(),
                root.at("/noticeContents/daysAfterDelivery").asInt(), root.at("/quarantine/days").asInt(),
                root.at("/journal/years").asInt());
        // Deleting the journal before the data would leave personal data that no record explains.
        long journalDays = (long) r.journalYears() * DAYS_PER_YEAR;
        int longest = Math.max(r.eventPayloadDays(), r.noticeContentDays());
        if (journalDays < longest) {
            problems.add(file, "/journal/years", r.journalYears() + " years is shorter than the " + longest
                    + " days event payloads or notice contents are kept", "at least " + ((longest + DAYS_PER_YEAR - 1) / DAYS_PER_YEAR)
                    + " years: the journal must outlive what it describes");
        }
        return r;
    }
}
