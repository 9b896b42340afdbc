package no.budstikke.bench.delivery;

import java.util.List;
import java.util.Locale;

/** Percentiles of a set of times. */
record Stats(double[] sorted) {

    static Stats of(List<Row> rows, java.util.function.Function<Row, Double> f) {
        return new Stats(rows.stream().map(f).filter(v -> v != null).mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** Nearest-rank percentile. */
    double p(double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    String line() {
        return String.format(Locale.ROOT, "n=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f", sorted.length, p(50), p(90), p(99), p(100));
    }
}
