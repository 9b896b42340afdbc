package no.budstikke.intake;

import static no.budstikke.intake.QuarantineBudget.Verdict.DROP;
import static no.budstikke.intake.QuarantineBudget.Verdict.KEEP;
import static no.budstikke.intake.QuarantineBudget.Verdict.SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.Test;

class QuarantineBudgetTest {

    private final TestClock clock = TestClock.at("2026-12-05T10:00:05Z");

    @Test
    void theCapIsKeptThenOneSummaryThenNothingUntilTheNextMinute() {
        QuarantineBudget budget = new QuarantineBudget(3, clock);

        assertThat(budget.take("http:a")).isEqualTo(KEEP);
        assertThat(budget.take("http:a")).isEqualTo(KEEP);
        assertThat(budget.take("http:a")).isEqualTo(KEEP);
        assertThat(budget.take("http:a")).isEqualTo(SUMMARY);
        assertThat(budget.take("http:a")).isEqualTo(DROP);
        assertThat(budget.take("http:a")).isEqualTo(DROP);
        assertThat(budget.take("http:b")).as("another sender has a budget of its own").isEqualTo(KEEP);

        clock.advance(Duration.ofSeconds(55));
        assertThat(budget.take("http:a")).as("a new minute").isEqualTo(KEEP);
    }

    @Test
    void filesAndQueueRowsCountPerChannelAndHttpPerCredential() {
        assertThat(QuarantineBudget.sender("file", "a.json")).isEqualTo(QuarantineBudget.sender("file", "b.json"));
        assertThat(QuarantineBudget.sender("sql", "duf-queue row 1")).isEqualTo("sql");
        assertThat(QuarantineBudget.sender("http", "centre-a")).isNotEqualTo(QuarantineBudget.sender("http", "centre-b"));
    }
}
