package no.budstikke.dispatch.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fields a notice's {@code content} can hold, as JSON pointers into the content (the event's
 * {@code data} without the {@code /data} prefix; {@code *} for the elements of an array). For
 * checks outside dispatch, such as the mail templates, that must name only fields of the contract.
 */
public final class ContractPaths {

    private ContractPaths() {
    }

    public static Set<String> contentFields() {
        Set<String> out = new LinkedHashSet<>();
        for (String p : ContractFields.get().allDataFields()) {
            if (p.startsWith("/data/")) out.add(p.substring("/data".length()));
        }
        return out;
    }
}
