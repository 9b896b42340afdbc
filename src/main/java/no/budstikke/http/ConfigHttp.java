package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import no.budstikke.auth.Credential;
import no.budstikke.model.Rfc3339;
import no.budstikke.reload.ConfigProblem;
import no.budstikke.reload.ConfigReload;
import no.budstikke.reload.ConfigReload.Outcome;
import no.budstikke.reload.LiveConfig;

/**
 * The config version this instance runs, and the reload of the config folder without a restart
 * (docs/config-reload.md). Ops credentials only.
 */
public final class ConfigHttp {

    private final ConfigReload reload;

    public ConfigHttp(ConfigReload reload) {
        this.reload = reload;
    }

    /** {@code GET /api/v1/config}: the version running here and the newest one accepted on the database. */
    public HttpAnswer version() {
        LiveConfig.Version running = reload.live().current();
        ObjectNode body = HttpAnswer.object();
        body.put("version", running.hash()).put("loadedAt", Rfc3339.format(running.loadedAt().atOffset(ZoneOffset.UTC)));
        reload.versions().newest().ifPresent(a -> body.putObject("accepted").put("version", a.hash())
                .put("acceptedBy", a.acceptedBy()).put("acceptedAt", Rfc3339.format(a.acceptedAt())));
        return HttpAnswer.json(200, body);
    }

    /** {@code POST /api/v1/config/reload}: checks the folder as a start does and runs it if it is valid. */
    public HttpAnswer reload(Credential ops) {
        Outcome outcome = reload.reload(ops.name());
        if (outcome instanceof Outcome.Refused refused) {
            ObjectNode problem = Problems.problem(422, "invalid-config", "The config folder is not valid; the running config is kept",
                    refused.problems().size() + (refused.problems().size() == 1 ? " problem" : " problems")
                            + " in the config folder; fix them and reload again");
            problem.put("version", reload.live().current().hash());
            ArrayNode list = problem.putArray("problems");
            for (ConfigProblem p : refused.problems()) {
                ObjectNode o = list.addObject();
                if (p.file() != null) o.put("file", p.file());
                if (p.line() > 0) o.put("line", p.line());
                if (p.pointer() != null) o.put("pointer", p.pointer());
                o.put("message", p.message());
                if (p.expected() != null) o.put("expected", p.expected());
            }
            return Problems.answer(problem);
        }
        Outcome.Loaded loaded = (Outcome.Loaded) outcome;
        ObjectNode body = HttpAnswer.object();
        body.put("version", loaded.version()).put("previous", loaded.previous())
                .put("changed", !loaded.version().equals(loaded.previous()))
                .put("loadedAt", Rfc3339.format(reload.live().current().loadedAt().atOffset(ZoneOffset.UTC)));
        return HttpAnswer.json(200, body);
    }
}
