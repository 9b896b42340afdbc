package no.budstikke.camel;

import no.budstikke.http.HttpAnswer;
import no.budstikke.http.Problems;
import no.budstikke.store.StorageException;
import no.budstikke.tls.CallerRefusedException;

/**
 * What the error route configurations log and answer. Only the hub's own storage errors are
 * described; other exceptions are named by class, since their messages may quote input.
 */
public final class Failures {

    public String describe(Throwable t) {
        if (t == null) return "unknown failure";
        return t instanceof StorageException || t instanceof AmbiguousHeaderException || t instanceof CallerRefusedException
                ? t.getMessage() : t.getClass().getName();
    }

    public HttpAnswer answer(Throwable t) {
        if (t instanceof AmbiguousHeaderException a) {
            return Problems.answer(Problems.problem(400, "ambiguous-header", "A header is sent more than once",
                    "send the '" + a.header() + "' header once; the request was not processed"));
        }
        if (t instanceof CallerRefusedException r) {
            return Problems.answer(Problems.problem(403, r.slug(), r.title(), r.getMessage()));
        }
        if (t instanceof StorageException) {
            return Problems.answer(Problems.problem(503, "storage-unavailable", "Storage is unavailable",
                    "the request is not acknowledged; send it again (repeats are recognised and stored once)")).withHeader("Retry-After", "5");
        }
        return Problems.answer(Problems.problem(500, "internal-error", "Internal error",
                "the request is not acknowledged; send it again (repeats are recognised and stored once)"));
    }
}
