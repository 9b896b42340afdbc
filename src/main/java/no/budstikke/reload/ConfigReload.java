package no.budstikke.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import no.budstikke.startup.ConfigFolder;
import no.budstikke.config.ConfigException;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.store.ConfigVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the config folder again while the hub runs. The folder is checked as a start checks it;
 * only a folder without problems replaces the running version, in one swap, and is recorded as the
 * version every instance should run. The other instances see the record when they poll and load
 * the same version from their own folder; one whose folder holds other files keeps what it runs
 * and warns, rather than push its own version back: only a start or an ops reload records one.
 */
public final class ConfigReload {

    /** What a reload did. */
    public sealed interface Outcome {
        /** The folder is running; {@code previous} equals {@code version} when nothing had changed. */
        record Loaded(String version, String previous) implements Outcome {
        }

        /** Nothing changed: the running version stays. */
        record Refused(List<ConfigProblem> problems) implements Outcome {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final LiveConfig live;
    private final Path configDir;
    private final Supplier<ConfigFolder.Loaded> check;
    private final ConfigVersions versions;
    private final String deadlinesAtStart;
    private final Clock clock;
    /** The (newest recorded, own folder) pair last warned about, so a poll warns once per change, not every time. */
    private String warned;
    /** Whether the last poll found this instance running another version than the newest accepted. */
    private volatile boolean behind;

    /**
     * @param check reads and checks the whole folder as a start does, throwing {@link ConfigException}
     */
    public ConfigReload(LiveConfig live, Path configDir, Supplier<ConfigFolder.Loaded> check, ConfigVersions versions, Clock clock) {
        this.live = live;
        this.configDir = configDir;
        this.check = check;
        this.versions = versions;
        this.clock = clock;
        this.deadlinesAtStart = ConfigHash.ofFile(configDir, ConfigHash.DEADLINES);
    }

    public LiveConfig live() {
        return live;
    }

    public ConfigVersions versions() {
        return versions;
    }

    /** True while this instance runs another version than the newest accepted one (as of the last poll). */
    public boolean behind() {
        return behind;
    }

    /** A start accepts the folder it started with, as a reload does. */
    public void acceptAtStart() {
        versions.accept(live.current().hash(), "start");
        LOG.info("config version {} running", live.current().hash());
    }

    /** Ops asked: load the folder, and record it for every instance if it is valid. */
    public synchronized Outcome reload(String actor) {
        Outcome outcome = load();
        if (outcome instanceof Outcome.Loaded loaded) versions.accept(loaded.version(), actor);
        return outcome;
    }

    /** Loads the newest recorded version if it is not the one running here and the own folder holds it. */
    public synchronized void poll() {
        Optional<ConfigVersions.Accepted> newest = versions.newest();
        if (newest.isEmpty() || newest.get().hash().equals(live.current().hash())) {
            warned = null;
            behind = false;
            return;
        }
        behind = true;
        String wanted = newest.get().hash();
        String own = ConfigHash.of(configDir);
        if (!own.equals(wanted)) {
            warnOnce(wanted + own, "config version {} was accepted by {}, but this instance's folder holds version {}: it keeps"
                    + " running version {} until its folder holds the accepted files", wanted, newest.get().acceptedBy(), own,
                    live.current().hash());
            return;
        }
        Outcome outcome = load();
        behind = outcome instanceof Outcome.Refused;
        if (outcome instanceof Outcome.Refused refused) {
            warnOnce(wanted + own, "config version {} was accepted by {}, but this instance finds {} problems in it (see"
                    + " POST /api/v1/config/reload here); it keeps running version {}", wanted, newest.get().acceptedBy(),
                    refused.problems().size(), live.current().hash());
        }
    }

    private Outcome load() {
        String before = ConfigHash.of(configDir);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigFolder.Loaded loaded = null;
        try {
            loaded = check.get();
        } catch (ConfigException e) {
            problems.addAll(ConfigProblem.of(e.getMessage(), configDir));
        }
        if (!ConfigHash.ofFile(configDir, ConfigHash.DEADLINES).equals(deadlinesAtStart)) {
            problems.add(new ConfigProblem(ConfigHash.DEADLINES, 0, "/", "the file changed since the hub started, and deadlines"
                    + " are read only at start", "the deadlines.yaml the hub started with, or a restart to load the new one"));
        }
        if (!problems.isEmpty()) return new Outcome.Refused(problems);
        String after = ConfigHash.of(configDir);
        if (!after.equals(before)) {
            return new Outcome.Refused(List.of(new ConfigProblem(null, 0, null, "the config folder changed while it was read",
                    "a folder that holds still while it is loaded; reload again")));
        }
        LiveConfig.Version running = live.current();
        if (after.equals(running.hash())) return new Outcome.Loaded(after, after);
        LiveConfig.Version next;
        try {
            next = new LiveConfig.Version(after, new Dispatcher(loaded.dispatch()), loaded.templates().keeping(running.templates()),
                    clock.instant());
        } catch (IllegalArgumentException e) {
            return new Outcome.Refused(List.of(ConfigProblem.parse(e.getMessage())));
        }
        live.swap(next);
        LOG.info("config version {} loaded, replacing version {}", after, running.hash());
        return new Outcome.Loaded(after, running.hash());
    }

    private void warnOnce(String what, String message, Object... args) {
        if (what.equals(warned)) return;
        warned = what;
        LOG.warn(message, args);
    }
}
