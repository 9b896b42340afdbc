package no.budstikke.reload;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of a config folder, taken apart for an API answer: the file, line and JSON pointer,
 * what is wrong and what is expected. A start-up check writes each problem as one line,
 * {@code <file>:<line> at <pointer>: <what is wrong>; expected <what>}; a line in another form
 * keeps all of its text in {@code message}.
 */
public record ConfigProblem(String file, int line, String pointer, String message, String expected) {

    private static final Pattern LINE = Pattern.compile("^(.+?)(?::(\\d+))? at (/\\S*): (.*)$");
    private static final Pattern HEADING = Pattern.compile("^invalid .*, \\d+ problems?:$");
    private static final String EXPECTED = "; expected ";

    /** The problems of a {@link no.budstikke.config.ConfigException} message, headings left out. */
    public static List<ConfigProblem> of(String message) {
        List<ConfigProblem> out = new ArrayList<>();
        for (String line : message.split("\n")) {
            String text = line.strip();
            if (text.isEmpty() || HEADING.matcher(text).matches()) continue;
            out.add(parse(text));
        }
        return out;
    }

    static ConfigProblem parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) return new ConfigProblem(null, 0, null, text, null);
        String rest = m.group(4);
        int at = rest.lastIndexOf(EXPECTED);
        String message = at < 0 ? rest : rest.substring(0, at);
        String expected = at < 0 ? null : rest.substring(at + EXPECTED.length());
        return new ConfigProblem(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), m.group(3), message, expected);
    }
}
