package no.budstikke.model;

import java.util.regex.Pattern;

/**
 * A file that belongs to a notice (the O39 report's CSV). It travels inside the notice document
 * and each channel also delivers it as a file of its own, so its name must be safe as a file name
 * anywhere: ASCII letters, digits, '.', '_' and '-', not starting with a dot.
 *
 * @param mediaType the type without parameters, such as {@code text/csv}; the content is text, sent as UTF-8
 */
public record Attachment(String name, String mediaType, String content) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    public static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

    public Attachment {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an attachment name must be 1 to 100 ASCII letters, digits, '.', '_' or '-'");
        }
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("an attachment's media type must be type/subtype without parameters");
        }
        if (content == null) throw new IllegalArgumentException("an attachment needs content");
    }

    @Override
    public String toString() {
        // The content is personal data (the report's rows).
        return "Attachment[" + name + ", " + mediaType + ", " + content.length() + " chars]";
    }
}
