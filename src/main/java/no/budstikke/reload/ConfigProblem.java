package no.budstikke.reload;

import java.nio.file.Path;
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
    /** A file's problem without a pointer, as the mail templates report theirs. */
    private static final Pattern FILE_LINE = Pattern.compile("^(.+?\\.(?:yaml|json|txt|properties))(?::(\\d+))?: (.*)$");
    private static final Pattern HEADING = Pattern.compile("^invalid .*, \\d+ problems?:$");
    private static final String EXPECTED = "; expected ";

    /**
     * The problems of a {@link no.budstikke.config.ConfigException} message, headings left out, file
     * names relative to {@code configDir}.
     */
    public static List<ConfigProblem> of(String message, Path configDir) {
        String prefix = configDir.toString() + java.io.File.separator;
        List<ConfigProblem> out = new ArrayList<>();
        for (ConfigProblem p : of(message)) {
            boolean inside = p.file() != null && p.file().startsWith(prefix);
            out.add(inside ? new ConfigProblem(p.file().substring(prefix.length()), p.line(), p.pointer(), p.message(), p.expected()) : p);
        }
        return out;
    }

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
        if (m.matches()) return of(m.group(1), m.group(2), m.group(3), m.group(4));
        Matcher f = FILE_LINE.matcher(text);
        if (f.matches()) return of(f.group(1), f.group(2), null, f.group(3));
        return of(null, null, null, text);
    }

    private static ConfigProblem of(String file, String line, String pointer, String rest) {
        int at = rest.lastIndexOf(EXPECTED);
        String message = at < 0 ? rest : rest.substring(0, at);
        String expected = at < 0 ? null : rest.substring(at + EXPECTED.length());
        return new ConfigProblem(file, line == null ? 0 : Integer.parseInt(line), pointer, message, expected);
    }
}
