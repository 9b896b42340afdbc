package no.budstikke.console.quarantine;

import no.budstikke.dispatch.config.ContractFields;

/**
 * A violation's JSON pointer as ops without ops-pii see it, as the API's quarantine listing shows
 * it: names the contract gave and array indexes are kept; a name the sender chose, and everything
 * below it, becomes {@value #MASK}.
 */
final class ContractPointer {

    static final String MASK = "(skjult)";

    private ContractPointer() {
    }

    static String masked(String pointer) {
        if (pointer == null || pointer.isEmpty()) return "/";
        String[] tokens = pointer.substring(1).split("/", -1);
        StringBuilder out = new StringBuilder();
        String known = "";
        boolean masked = false;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            boolean index = token.matches("[0-9]{1,9}");
            if (!masked && index && i == 0) {
                // A batch's event index: the contract's paths start below it.
            } else if (!masked && index && ContractFields.get().isContractPath(known + "/*")) {
                known = known + "/*";
            } else if (!masked && ContractFields.get().isContractPath(known + "/" + token)) {
                known = known + "/" + token;
            } else {
                masked = true;
            }
            out.append('/').append(masked ? MASK : token);
        }
        return out.toString();
    }
}
