package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The gate knows the management server by its port, so that port must be a fixed one. */
class ManagementGateTest {

    @Test
    void aRandomOrMissingManagementPortIsRefusedByName() {
        for (String port : List.of("0", "70000", "eighty")) {
            assertThatThrownBy(() -> ManagementGate.of(context(port), new ApiKeys(List.of()))).as(port)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("budstikke.management.port").hasMessageContaining("'" + port + "'")
                    .hasMessageContaining("expected a port from 1 to 65535");
        }
    }

    @Test
    void aFixedPortIsTaken() {
        assertThatCode(() -> ManagementGate.of(context("8081"), new ApiKeys(List.of()))).doesNotThrowAnyException();
    }

    private static DefaultCamelContext context(String port) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("camel.management.port", port);
        context.getPropertiesComponent().setOverrideProperties(p);
        return context;
    }
}
