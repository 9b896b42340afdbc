package no.budstikke;

import java.time.Clock;
import no.budstikke.alert.Alerts;
import no.budstikke.contract.ContractValidator;
import no.budstikke.intake.IntakeService;
import no.budstikke.schedule.ScheduleSettings;
import no.budstikke.schedule.ScheduledDuties;
import no.budstikke.schedule.TertialSchedule;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.Schedules;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Duties that fall due by the calendar (turning 18, settlement updates, the tertial report); one zone counts them all. */
public final class ScheduleWiring implements CamelConfiguration {

    @BindToRegistry
    public TertialSchedule tertialSchedule(IntakeService intake, Clock clock, ScheduleSettings settings) {
        return new TertialSchedule(intake, clock, settings.zone(), settings.tertialDayOffset());
    }

    @BindToRegistry
    public ScheduledDuties scheduledDuties(ScheduleSettings settings, Transactions transactions, CaseFiles caseFiles, IntakeService intake,
                                           ContractValidator contract, Alerts alerts, Clock clock) {
        return new ScheduledDuties(new Schedules(transactions), caseFiles, transactions, intake, contract, alerts, clock, settings.zone(),
                settings.turningEighteen(), settings.settlementUpdates());
    }
}
