package no.budstikke.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.budstikke.http.ApiAccess;
import no.budstikke.http.ApiAccess.Level;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.support.ExchangeHelper;

/**
 * Applies {@link ApiAccess} to every operation of the REST DSL, in one place: the level an operation
 * needs is the role its verb's one security requirement lists in {@code routes/api/api.camel.yaml}, found
 * by the id of the route the verb sends to ({@code direct:<id>}), where this policy runs first. An
 * operation that declares no role, or an unknown one, is refused with a 500 (fail closed).
 * A caller let in is set as {@link #CALLER} for the operation's bean; a refusal is answered here and
 * ends the exchange.
 */
public final class ApiPolicy implements Processor {

    /** The exchange property the allowed caller ({@link no.budstikke.auth.Credential}) is in. */
    public static final String CALLER = "budstikkeCaller";

    private static final String DIRECT = "direct:";

    private final ApiAccess access;
    private final AnswerWriter writer = new AnswerWriter();
    private final CamelContext context;
    private volatile Map<String, Level> levels;

    public ApiPolicy(CamelContext context, ApiAccess access) {
        this.context = context;
        this.access = access;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String route = ExchangeHelper.getAtRouteId(exchange);
        Level level = levels().get(route);
        if (level == null) {
            throw new IllegalStateException("the REST operation of route " + route
                    + " declares no role the hub knows (caller or ops)");
        }
        ApiAccess.Decision decision = access.decide(level, exchange.getMessage().getHeader("Authorization", String.class));
        if (decision.allowed()) {
            exchange.setProperty(CALLER, decision.caller());
            return;
        }
        exchange.getMessage().setBody(decision.refusal());
        writer.process(exchange);
        exchange.setRouteStop(true);
    }

    /** Route id to level, from the REST DSL as loaded: known once every route file is read. */
    private Map<String, Level> levels() {
        if (levels == null) {
            Map<String, Level> known = new HashMap<>();
            for (RestDefinition rest : context.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    List<SecurityDefinition> security = verb.getSecurity();
                    String to = verb.getTo() == null ? "" : verb.getTo().getUri();
                    if (!to.startsWith(DIRECT) || security == null || security.size() != 1) continue;
                    Level.ofRole(security.get(0).getScopes()).ifPresent(l -> known.put(to.substring(DIRECT.length()), l));
                }
            }
            levels = Map.copyOf(known);
        }
        return levels;
    }
}
