package no.budstikke.dispatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import no.budstikke.config.ConfigException;
import no.budstikke.model.Directory;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Policies;
import no.budstikke.model.Rule;

/**
 * Reads the dispatch configuration ({@code directory.yaml}, {@code routing-rules.yaml},
 * {@code disclosure-policies.yaml}) from a folder, validates each file against its JSON Schema
 * ({@code classpath:schemas/config/}), checks it against the event contract, and cross-checks the
 * three files against each other.
 */
public final class HubConfigLoader {

    public static final String DIRECTORY = "directory.yaml";
    public static final String RULES = "routing-rules.yaml";
    public static final String POLICIES = "disclosure-policies.yaml";

    private HubConfigLoader() {
    }

    /**
     * Loads and checks the three files. Throws {@link ConfigException} listing every problem, one
     * per line, as {@code <file>:<line> at <json pointer>: <what is wrong>; expected <what>}.
     * Cross-checks between files run for the files that are individually valid.
     */
    public static HubConfig load(Path configDir) {
        Problems problems = new Problems();
        ContractFields contract = ContractFields.get();
        ConfigSchemas schemas = new ConfigSchemas();

        Optional<YamlFile> directoryFile = valid(configDir.resolve(DIRECTORY), "directory.schema.json",
                "the directory: municipalities and offices", schemas, problems);
        Optional<YamlFile> rulesFile = valid(configDir.resolve(RULES), "routing-rules.schema.json",
                "the routing rules: a list under 'rules'", schemas, problems);
        Optional<YamlFile> policiesFile = valid(configDir.resolve(POLICIES), "disclosure-policies.schema.json",
                "the disclosure policies: 'categories' and 'policies'", schemas, problems);

        Directory directory = build(directoryFile, f -> DirectoryReader.read(f, problems));
        List<Rule> rules = build(rulesFile, f -> RulesReader.read(f, contract, problems));
        Policies policies = build(policiesFile, f -> PoliciesReader.read(f, contract, problems));

        if (rules != null) {
            CrossChecks.check(rulesFile.get(), rules, policiesFile.orElse(null), policies,
                    directoryFile.orElse(null), directory, problems);
        }
        problems.throwIfAny();
        return new HubConfig(directory, rules, policies);
    }

    private static Optional<YamlFile> valid(Path path, String schema, String content, ConfigSchemas schemas, Problems problems) {
        return YamlFile.read(path, content, problems).filter(f -> schemas.validate(f, schema, problems));
    }

    private static <T> T build(Optional<YamlFile> file, Function<YamlFile, T> reader) {
        return file.map(reader).orElse(null);
    }
}
