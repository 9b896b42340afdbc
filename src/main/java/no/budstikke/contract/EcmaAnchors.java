package no.budstikke.contract;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The schemas' {@code pattern}s with ECMA-262's meaning of {@code $}: the end of the value. The
 * validator's default (java.util.regex, {@code find}) also lets {@code $} match before a final
 * line break, so {@code ^[0-9]{4}$} accepted "0301\n" as a municipality number, and the
 * database then refused what validation had passed. Each unescaped {@code $} outside a
 * character class becomes {@code \z}, the one anchor Java has for "end of input, nothing after".
 */
public final class EcmaAnchors implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(toJava(regex));
        return value -> pattern.matcher(value).find();
    }

    /** {@code regex} with every end anchor made strict; everything else unchanged. */
    static String toJava(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\' && i + 1 < regex.length()) {
                out.append(ch).append(regex.charAt(++i));
            } else if (ch == '[' && !inClass) {
                inClass = true;
                out.append(ch);
            } else if (ch == ']' && inClass) {
                inClass = false;
                out.append(ch);
            } else if (ch == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
