package no.budstikke.tls;

/**
 * A caller the listener does not serve, whatever its request: answered 403. The message is fit for
 * logs and the problem answer: it names no key, certificate subject or address.
 */
public final class CallerRefusedException extends RuntimeException {

    private final String slug;
    private final String title;

    public CallerRefusedException(String slug, String title, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
