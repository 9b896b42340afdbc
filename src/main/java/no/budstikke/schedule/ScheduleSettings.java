package no.budstikke.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The duties nobody sends an event for (docs/schedules.md): the zone their calendar days are
 * counted in, the tertial report's day offset, and the turning-18 and settlement-update leads.
 */
public record ScheduleSettings(ZoneId zone, int tertialDayOffset, TurningEighteen turningEighteen,
                               SettlementUpdates settlementUpdates) {

    public static final Setting<String> ZONE = Setting.text("budstikke.schedule.zone", "Europe/Oslo");
    public static final Setting<Integer> TERTIAL_DAY_OFFSET = Setting.wholeNumber("budstikke.schedule.tertial.day-offset", 0);
    public static final Setting<Integer> TURNING_18_LEAD_DAYS = Setting.wholeNumber("budstikke.schedule.turning-18.lead-days", 60);
    public static final Setting<Integer> TURNING_18_GRACE_DAYS = Setting.wholeNumber("budstikke.schedule.turning-18.grace-days", 7);
    public static final Setting<Integer> SETTLEMENT_UPDATE_LEAD_DAYS =
            Setting.wholeNumber("budstikke.schedule.settlement-update.lead-days", 14);

    public static ScheduleSettings from(HubSettings settings) {
        String zone = ZONE.in(settings);
        ZoneId zoneId = checked(ZONE.key(), () -> ZoneId.of(zone));
        int tertialDayOffset = TERTIAL_DAY_OFFSET.in(settings);
        TurningEighteen turningEighteen = checked(TURNING_18_LEAD_DAYS + ", " + TURNING_18_GRACE_DAYS, () -> new TurningEighteen(
                TURNING_18_LEAD_DAYS.in(settings), TURNING_18_GRACE_DAYS.in(settings)));
        SettlementUpdates settlementUpdates = checked(SETTLEMENT_UPDATE_LEAD_DAYS.key(),
                () -> new SettlementUpdates(SETTLEMENT_UPDATE_LEAD_DAYS.in(settings)));
        return new ScheduleSettings(zoneId, tertialDayOffset, turningEighteen, settlementUpdates);
    }

    private static <T> T checked(String settingNames, Supplier<T> make) {
        try {
            return make.get();
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new ConfigException("setting " + settingNames + ": " + e.getMessage()
                    + "; expected what config/application.properties describes under '# --- schedules'");
        }
    }
}
