package no.budstikke.delivery.mail;

import java.util.List;

/**
 * One notice kind's mail: a fixed subject title (never a placeholder, so the subject can carry no
 * personal data) and the parsed body. See {@link TemplateParser} for the syntax.
 */
public record MailTemplate(String kind, String subjectTitle, List<Node> body, String source) {

    public MailTemplate {
        body = List.copyOf(body);
    }

    /** A piece of a template body. */
    public sealed interface Node permits Text, Value, If, Each {
    }

    /** Literal text. */
    public record Text(String text) implements Node {
    }

    /** {@code {{name}}}: a fixed name, a JSON pointer into the content, or {@code ./pointer} into the current list item. */
    public record Value(String name) implements Node {
    }

    /** {@code {{#if name}}…{{else}}…{{/if}}}: true when the value is present and not false or empty. */
    public record If(String name, List<Node> then, List<Node> otherwise) implements Node {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code {{#each pointer}}…{{/each}}}: the body once per element of a list, with {@code ./…} relative to the element. */
    public record Each(String name, List<Node> body) implements Node {
        public Each {
            body = List.copyOf(body);
        }
    }
}
