package no.budstikke.console.config;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.budstikke.contract.Violation;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;

/**
 * What the config page reads from the config the hub runs, handed in by the wiring so that the
 * console needs neither the reload nor the explain command (both sit above the console).
 */
public interface LoadedConfig {

    /** The running version: its hash, when it was loaded, and the config it was built from. */
    record Running(String version, Instant loadedAt, HubConfig config) {
    }

    /** What the explain command decides for some bytes: exactly one of the three is non-empty. */
    record Explanation(Optional<String> notJson, List<Violation> broken, List<Decision> decisions) {
    }

    Running running();

    /** Explains {@code event} with the running config, as the explain command does; nothing is sent or stored. */
    Explanation explain(byte[] event);
}
