package no.budstikke;

import no.budstikke.startup.StartupSettings;
import no.budstikke.startup.StartupTimes;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks camel-main's phases of a start in {@link StartupTimes}, and once the hub is started (readiness
 * answers from then on) logs what the start spent its time on if it took longer than
 * {@code budstikke.startup.report-after-ms}.
 */
final class StartupListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger("no.budstikke.startup");

    private final StartupTimes times;

    StartupListener(StartupTimes times) {
        this.times = times;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        times.mark("camel boot");
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        times.mark("wiring and routes");
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        times.mark("camel start");
        StartupSettings settings = main.getCamelContext().getRegistry().findSingleByType(StartupSettings.class);
        if (settings != null) times.report(settings.reportAfterMs()).ifPresent(LOG::info);
    }
}
