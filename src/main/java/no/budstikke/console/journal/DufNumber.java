package no.budstikke.console.journal;

/**
 * A DUF number as a person types it into the journal's form: twelve digits, spaces allowed between
 * them. A refusal says what is wrong in Norwegian and never repeats what was typed.
 */
public final class DufNumber {

    static final int LENGTH = 12;
    /** Longer input is refused before it is looked at. */
    static final int MAX_TYPED = 40;

    private DufNumber() {
    }

    /** The number, or the problem; exactly one of the two is set. */
    public record Checked(String number, String problem) {
    }

    public static Checked check(String typed) {
        if (typed == null || typed.isBlank()) return refused("Skriv inn DUF-nummeret til saken.");
        if (typed.length() > MAX_TYPED) return refused("Et DUF-nummer har " + LENGTH + " sifre; det du skrev var altfor langt.");
        String digits = typed.replace(" ", "").strip();
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return refused("Et DUF-nummer består bare av sifre (0–9), uten bokstaver eller tegn.");
        }
        if (digits.length() != LENGTH) {
            return refused("Et DUF-nummer har " + LENGTH + " sifre; du skrev " + digits.length() + ".");
        }
        return new Checked(digits, null);
    }

    private static Checked refused(String problem) {
        return new Checked(null, problem);
    }
}
