package no.budstikke.delivery.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.delivery.mail.MailTemplate.Each;
import no.budstikke.delivery.mail.MailTemplate.If;
import no.budstikke.delivery.mail.MailTemplate.Node;
import no.budstikke.delivery.mail.MailTemplate.Text;
import no.budstikke.delivery.mail.MailTemplate.Value;

/**
 * Reads a template file. The first line is {@code Subject: <title>}, plain text only; the rest is
 * the body, with:
 * <ul>
 *   <li>{@code {{/person/givenName}}}: a field of the notice's content (a JSON pointer into it);</li>
 *   <li>{@code {{duty}}} and the other fixed names of {@link TemplateRenderer#FIXED_NAMES};</li>
 *   <li>{@code {{#if name}}…{{else}}…{{/if}}} and {@code {{#each /list}}…{{./field}}…{{/each}}}.</li>
 * </ul>
 * A block tag alone on its line takes no line of its own in the mail. Every pointer must be a
 * field of the event contract, so a typo stops the hub at start-up rather than printing
 * "(ikke oppgitt)" for ever. Problems are written as {@code <file>:<line>: <what>; expected <what>}.
 */
final class TemplateParser {

    static final String SUBJECT = "Subject:";
    /** What every template must state. */
    static final List<String> REQUIRED = List.of("legalBasis", "duty", "attachment");
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern BLOCK_LINE =
            Pattern.compile("\\s*\\{\\{\\s*(#(?:if|each)\\s[^}]*|else|/if|/each)\\s*}}\\s*");

    private final String source;
    private final Set<String> contentFields;
    private final List<String> problems;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Set<String> used = new HashSet<>();

    private TemplateParser(String source, Set<String> contentFields, List<String> problems) {
        this.source = source;
        this.contentFields = contentFields;
        this.problems = problems;
    }

    /** The template, or empty when it has problems (added to {@code problems}). */
    static Optional<MailTemplate> parse(String kind, String source, List<String> lines, Set<String> contentFields,
                                        List<String> problems) {
        int before = problems.size();
        TemplateParser p = new TemplateParser(source, contentFields, problems);
        String title = p.subject(lines);
        List<Node> body = p.body(lines);
        for (String name : REQUIRED) {
            if (!p.used.contains(name)) {
                p.problem(0, "the body does not use {{" + name + "}}",
                        "every template to state the legal basis ({{legalBasis}}), the duty ({{duty}}) and the attachment ({{attachment}})");
            }
        }
        return problems.size() > before ? Optional.empty() : Optional.of(new MailTemplate(kind, title, body, source));
    }

    private String subject(List<String> lines) {
        String first = lines.isEmpty() ? "" : lines.get(0).strip();
        if (!first.startsWith(SUBJECT) || first.substring(SUBJECT.length()).isBlank()) {
            problem(1, "the first line is not a subject", "'Subject: <title>', for example 'Subject: Melding om ankomst'");
            return "";
        }
        String title = first.substring(SUBJECT.length()).strip();
        if (title.contains("{{")) {
            problem(1, "the subject has a placeholder", "plain text: a subject never carries personal data");
        }
        return title;
    }

    private List<Node> body(List<String> lines) {
        Frame root = new Frame("", "", 0, "");
        open.push(root);
        int start = 1;
        while (start < lines.size() && lines.get(start).isBlank()) start++;
        for (int i = start; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            Matcher block = BLOCK_LINE.matcher(line);
            if (block.matches()) {
                tag(block.group(1).strip(), lineNo);
                continue;
            }
            Matcher m = TAG.matcher(line);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) add(new Text(line.substring(at, m.start())));
                tag(m.group(1), lineNo);
                at = m.end();
            }
            add(new Text(line.substring(at) + "\n"));
        }
        while (open.size() > 1) {
            Frame f = open.pop();
            problem(f.line, "{{#" + f.block + " " + f.name + "}} is never closed", "{{/" + f.block + "}}");
        }
        return root.nodes;
    }

    private void tag(String tag, int line) {
        if (tag.startsWith("#if ") || tag.startsWith("#each ")) {
            String block = tag.substring(1, tag.indexOf(' '));
            String name = tag.substring(tag.indexOf(' ') + 1).strip();
            boolean each = block.equals("each");
            if (each && !name.startsWith("/") && !name.startsWith("./")) {
                problem(line, "{{#each " + name + "}} does not name a list", "a pointer to a list, such as {{#each /hosts}}");
            } else {
                check(name, line);
            }
            open.push(new Frame(block, name, line, each ? eachBase(name) : open.peek().base));
        } else if (tag.equals("else")) {
            Frame f = open.peek();
            if (!f.block.equals("if") || f.inElse) problem(line, "{{else}} outside an {{#if}}", "{{else}} between {{#if …}} and {{/if}}");
            else f.inElse = true;
        } else if (tag.equals("/if") || tag.equals("/each")) {
            String block = tag.substring(1);
            Frame f = open.peek();
            if (!f.block.equals(block)) {
                problem(line, "{{" + tag + "}} does not close an open {{#" + block + "}}",
                        f.block.isEmpty() ? "no {{" + tag + "}} here" : "{{/" + f.block + "}} first");
                return;
            }
            open.pop();
            add(block.equals("if") ? new If(f.name, f.nodes, f.otherwise) : new Each(f.name, f.nodes));
        } else if (tag.startsWith("#")) {
            problem(line, "unknown block {{" + tag + "}}", "{{#if …}}, {{else}}, {{/if}}, {{#each …}} or {{/each}}");
        } else {
            check(tag, line);
            add(new Value(tag));
        }
    }

    private void check(String name, int line) {
        used.add(name);
        if (TemplateRenderer.FIXED_NAMES.contains(name)) return;
        String base = open.peek().base;
        if (name.equals(".")) {
            if (base.isEmpty()) problem(line, "{{.}} outside an {{#each}}", "{{.}} only inside {{#each …}}");
            return;
        }
        String path;
        if (name.startsWith("./")) {
            if (base.isEmpty()) {
                problem(line, "{{" + name + "}} outside an {{#each}}", "a pointer from the content's root, such as {{/" + name.substring(2) + "}}");
                return;
            }
            path = base + name.substring(1);
        } else if (name.startsWith("/")) {
            path = name;
        } else {
            problem(line, "unknown placeholder {{" + name + "}}",
                    "a field of the content such as {{/person/givenName}}, or one of " + String.join(", ", TemplateRenderer.FIXED_NAMES));
            return;
        }
        String normal = normalise(path);
        if (!contentFields.contains(normal)) {
            String hint = contentFields.stream().filter(f -> f.equalsIgnoreCase(normal)).findFirst()
                    .map(f -> " (did you mean " + f + "?)").orElse("");
            problem(line, "unknown placeholder {{" + name + "}}: " + normal + " is not a field of the event contract" + hint,
                    "a field of the contract's data, as a JSON pointer");
        }
    }

    private String eachBase(String name) {
        String b = name.startsWith("./") ? open.peek().base + name.substring(1) : name;
        return normalise(b) + "/*";
    }

    /** List indexes become '*', as the contract's paths write them. */
    private static String normalise(String pointer) {
        return pointer.replaceAll("/\\d+(?=/|$)", "/*");
    }

    private void add(Node node) {
        Frame f = open.peek();
        (f.inElse ? f.otherwise : f.nodes).add(node);
    }

    private void problem(int line, String wrong, String expected) {
        problems.add(source + (line > 0 ? ":" + line : "") + ": " + wrong + "; expected " + expected);
    }

    private static final class Frame {
        final String block;
        final String name;
        final int line;
        final String base;
        final List<Node> nodes = new ArrayList<>();
        final List<Node> otherwise = new ArrayList<>();
        boolean inElse;

        Frame(String block, String name, int line, String base) {
            this.block = block;
            this.name = name;
            this.line = line;
            this.base = base;
        }
    }
}
