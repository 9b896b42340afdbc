package no.budstikke.amot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.budstikke.dispatch.EventPointer;
import no.budstikke.dispatch.Redactor;

/**
 * The CSV of the O39 report: one row per running AMOT agreement, read from the agreement's
 * {@code agreement-signed} event after the recipient's disclosure policy has redacted it. Pure.
 *
 * <p>A column is in the report only when the policy's {@code allow} lets its field through
 * (default deny); {@code withConsent} fields never make a column, since a column must hold the same
 * field for every row. Cells are read from the redacted content only, so no cell can show what the
 * policy removed. Every field of the events that is not in a cell is listed in the removed fields.
 */
public final class BaseDataCsv {

    /** A column: its header and the field of the agreement-signed event it shows. */
    public record Column(String header, String pointer) {
    }

    /** Every column the report can have, in order; the policy decides which it has. */
    public static final List<Column> COLUMNS = List.of(
            new Column("agreementId", "/data/agreementId"),
            new Column("dufNumber", "/data/person/dufNumber"),
            new Column("familyName", "/data/person/familyName"),
            new Column("givenName", "/data/person/givenName"),
            new Column("birthDate", "/data/person/birthDate"),
            new Column("amotMunicipalityNumber", "/data/municipalityNumber"),
            // The name comes from the directory, but says no more than the number: allowed with it.
            new Column("amotMunicipalityName", "/data/municipalityNumber"),
            new Column("signedAt", "/data/signedAt"),
            new Column("documentRef", "/data/documentRef"));

    static final String MUNICIPALITY_NAME = "amotMunicipalityName";

    /** One running agreement: its signed event, and the AMOT municipality's name from the directory (may be null). */
    public record Row(JsonNode signedEvent, String municipalityName) {
        @Override
        public String toString() {
            return "Row[…]"; // the event is personal data
        }
    }

    /** The report: the CSV text, its headers, and the fields withheld, as pointers into the events. */
    public record Report(String csv, List<String> columns, int rows, List<String> removedFields) {
        @Override
        public String toString() {
            return "Report[" + rows + " rows, columns " + columns + "]";
        }
    }

    private final Redactor redactor;
    private final List<Column> columns;

    public BaseDataCsv(Redactor redactor) {
        this.redactor = redactor;
        this.columns = COLUMNS.stream().filter(c -> allowed(redactor, c.pointer())).toList();
    }

    /** The headers the policy allows, in report order. */
    public List<String> columns() {
        return columns.stream().map(Column::header).toList();
    }

    public Report build(List<Row> rows) {
        Csv csv = new Csv().row(columns());
        TreeSet<String> removed = new TreeSet<>();
        for (Row row : rows) {
            Redactor.Redaction r = redactor.redact(row.signedEvent());
            removed.addAll(r.removedFields());
            List<String> cells = new ArrayList<>(columns.size());
            TreeSet<String> shown = new TreeSet<>();
            for (Column c : columns) {
                JsonNode value = r.content().at(c.pointer().substring("/data".length()));
                boolean present = !value.isMissingNode() && !value.isNull() && value.isValueNode();
                if (present) shown.add(c.pointer());
                cells.add(!present ? "" : c.header().equals(MUNICIPALITY_NAME) ? row.municipalityName() : value.asText());
            }
            csv.row(cells);
            // Allowed, but not a column (gender, nationality, a centre block…): withheld all the same.
            leaves(r.content(), "/data", removed, shown);
        }
        return new Report(csv.text(), columns(), rows.size(), List.copyOf(removed));
    }

    /** Whether {@code allow} lets the field through for every event: a probe holding only that field, without consent. */
    static boolean allowed(Redactor redactor, String pointer) {
        List<String> segments = EventPointer.parse(pointer).segments();
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        ObjectNode at = probe;
        for (int i = 0; i < segments.size() - 1; i++) at = at.putObject(segments.get(i));
        at.put(segments.get(segments.size() - 1), "probe");
        return redactor.redact(probe).content().at(pointer.substring("/data".length())).isTextual();
    }

    private static void leaves(JsonNode node, String pointer, TreeSet<String> out, TreeSet<String> shown) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                leaves(e.getValue(), pointer + "/" + EventPointer.escape(e.getKey()), out, shown);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) leaves(node.get(i), pointer + "/" + i, out, shown);
        } else if (!shown.contains(pointer)) {
            out.add(pointer);
        }
    }
}
