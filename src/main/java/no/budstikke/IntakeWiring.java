package no.budstikke;

import java.time.Clock;
import no.budstikke.contract.ContractValidator;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.IntakeLimits;
import no.budstikke.intake.IntakeService;
import no.budstikke.intake.QuarantineBudget;
import no.budstikke.intake.QuarantineSettings;
import no.budstikke.store.EventStore;
import no.budstikke.store.QuarantineStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Intake: events parsed, checked against the contract and stored, or quarantined. Its sources are in {@link IntakeSourcesWiring}. */
public final class IntakeWiring implements CamelConfiguration {

    @BindToRegistry
    public ContractValidator contractValidator() {
        return ContractValidator.fromClasspath();
    }

    @BindToRegistry
    public EventParser eventParser(IntakeLimits limits) {
        return new EventParser(limits);
    }

    @BindToRegistry
    public EventStore eventStore(Transactions transactions, Clock clock) {
        return new EventStore(transactions, clock);
    }

    @BindToRegistry
    public QuarantineStore quarantineStore(Transactions transactions, Clock clock, QuarantineSettings settings) {
        return new QuarantineStore(transactions, clock, settings.rawCap());
    }

    @BindToRegistry
    public IntakeService intakeService(EventParser parser, ContractValidator contract, Transactions transactions, EventStore events,
                                       QuarantineStore quarantine, QuarantineSettings settings, Clock clock) {
        return new IntakeService(parser, contract, transactions, events, quarantine,
                new QuarantineBudget(settings.maxPerSenderPerMinute(), clock));
    }
}
