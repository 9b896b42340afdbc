package no.budstikke.http;

import no.budstikke.dispatch.config.ContractFields;

/**
 * A violation's JSON pointer as the quarantine listing shows it: names the contract gave are kept,
 * array indexes too; a name the sender chose (an unknown property, perhaps a person's name typed
 * where a field name belongs) and everything below it become {@value #MASK}.
 */
public final class MaskedPointer {

    static final String MASK = "(masked)";

    private MaskedPointer() {
    }

    static String of(String pointer) {
        return of(pointer, MASK);
    }

    /** {@code pointer} with every name the sender chose, and all below it, shown as {@code mask}; "" for none. */
    public static String of(String pointer, String mask) {
        if (pointer == null || pointer.isEmpty()) return "";
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
            out.append('/').append(masked ? mask : token);
        }
        return out.toString();
    }
}
