package no.budstikke.retention;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Looks for text in every text and binary column of every table of the hub's database, found by
 * JDBC metadata, so that a table or column added later is searched too.
 */
final class TableScan {

    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR,
            Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.OTHER);
    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    private TableScan() {
    }

    /** The columns searched, as table.column; to prove the scan reaches the tables that matter. */
    static Set<String> columns(DataSource ds) throws SQLException {
        Set<String> out = new TreeSet<>();
        for (Column c : searchable(ds)) out.add(c.table() + "." + c.column());
        return out;
    }

    /** Every table.column that holds any of the needles, in any row. */
    static Set<String> holding(DataSource ds, String... needles) throws SQLException {
        Set<String> found = new TreeSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (Column col : searchable(ds)) {
                try (ResultSet rs = s.executeQuery("SELECT " + col.column() + " FROM " + col.table())) {
                    while (rs.next()) {
                        String value = col.binary() ? bytes(rs.getBytes(1)) : rs.getString(1);
                        if (value == null) continue;
                        for (String n : needles) {
                            if (value.contains(n)) found.add(col.table() + "." + col.column());
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String bytes(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1) + new String(b, StandardCharsets.UTF_8);
    }

    private record Column(String table, String column, boolean binary) {
    }

    private static List<Column> searchable(DataSource ds) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if ("public".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = md.getColumns(null, null, table, "%")) {
                    while (rs.next()) {
                        if (!"public".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) continue;
                        int type = rs.getInt("DATA_TYPE");
                        if (TEXT.contains(type) || BINARY.contains(type)) {
                            out.add(new Column(table, rs.getString("COLUMN_NAME"), BINARY.contains(type)));
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) throw new AssertionError("no table found: the scan would prove nothing");
        return out;
    }
}
