package no.budstikke.delivery.mail;

/**
 * A notice that cannot be made into a mail (no template for its kind, an unusable recipient address,
 * a document that is not a notice). Sending it again cannot help, so it is a permanent failure.
 * The message names kinds, ids and reasons, never content or addresses; no cause is kept, since
 * the causes' own messages (a parser's, an address parser's) quote their input.
 */
public class MailCompositionException extends RuntimeException {

    public MailCompositionException(String message) {
        super(message);
    }
}
