package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import no.budstikke.config.ConfigException;
import no.budstikke.contract.ContractValidator;
import org.junit.jupiter.api.Test;

class TertialScheduleTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theReportIsDueAtTheTertialsFirstMidnightPlusTheDayOffset() {
        Tertial t3 = Tertial.parse("2026-T3");
        assertThat(new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 0).due(t3)).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
        // 15 September is still summer time; 1 December is not.
        assertThat(new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 14).due(t3)).isEqualTo(Instant.parse("2026-09-14T22:00:00Z"));
        assertThat(new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 91).due(t3)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void anOffsetThatCouldLeaveTheTertialIsRefused() {
        assertThatThrownBy(() -> new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 120))
                .isInstanceOf(ConfigException.class).hasMessageContaining("budstikke.schedule.tertial.day-offset")
                .hasMessageContaining("0 to 119");
        assertThatThrownBy(() -> new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, -1)).isInstanceOf(ConfigException.class);
    }

    @Test
    void theHubsEventMeetsTheContractAndIsTheSameOnEveryInstance() throws Exception {
        TertialSchedule one = new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 0);
        TertialSchedule other = new TertialSchedule(null, Clock.offset(CLOCK, java.time.Duration.ofDays(30)), TertialSchedule.ZONE, 0);
        byte[] bytes = one.event(Tertial.parse("2026-T3"));
        JsonNode event = new ObjectMapper().readTree(bytes);

        assertThat(ContractValidator.fromClasspath().validateEvent(event)).isEmpty();
        assertThat(event.path("source").asText()).isEqualTo("urn:no:budstikke:schedule");
        assertThat(event.path("id").asText()).isEqualTo("tertial-due-2026-T3");
        assertThat(event.path("type").asText()).isEqualTo("no.udi.duf.amot.tertial-due.v1");
        assertThat(event.path("time").asText()).isEqualTo("2026-09-01T00:00:00+02:00");
        assertThat(event.path("data").toString()).isEqualTo("{\"period\":\"2026-T3\"}");
        assertThat(other.event(Tertial.parse("2026-T3"))).isEqualTo(bytes);
    }

    @Test
    void theContractAcceptsTheHubsOwnSourceExactlyAndNothingLikeIt() throws Exception {
        ObjectNode event = (ObjectNode) new ObjectMapper()
                .readTree(new TertialSchedule(null, CLOCK, TertialSchedule.ZONE, 0).event(Tertial.parse("2026-T3")));
        for (String bad : new String[] {"urn:no:budstikke:schedule:other", "urn:no:budstikke", "urn:no:budstikke:schedul"}) {
            event.put("source", bad);
            assertThat(ContractValidator.fromClasspath().validateEvent(event)).as(bad).isNotEmpty();
        }
    }
}
