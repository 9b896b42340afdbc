package no.budstikke.startup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a start spends its time: the phases one after another from the start of the JVM, so that a
 * slow start can say what was slow. A step {@link #time timed} on its own within a phase (opening
 * the database) is reported apart and not counted in its phase too, so the phases add up to the whole.
 */
public final class StartupTimes {

    /** One phase and how long it took. */
    public record Phase(String name, long millis) {
    }

    private final LongSupplier clockMillis;
    private final long startMillis;
    private final List<Phase> phases = new ArrayList<>();
    private long lastMark;
    private long timedSinceMark;

    StartupTimes(long startMillis, LongSupplier clockMillis) {
        this.startMillis = startMillis;
        this.clockMillis = clockMillis;
        this.lastMark = startMillis;
    }

    /** Counted from the moment the JVM started, as {@code java -jar} is typed. */
    public static StartupTimes sinceJvmStart() {
        return new StartupTimes(ManagementFactory.getRuntimeMXBean().getStartTime(), System::currentTimeMillis);
    }

    /** Counted from now: a hub started inside a JVM that runs already, as tests start it. */
    public static StartupTimes sinceNow() {
        return new StartupTimes(System.currentTimeMillis(), System::currentTimeMillis);
    }

    /** Ends the phase that ran since the previous mark, less the steps timed within it. */
    public synchronized void mark(String phase) {
        long now = clockMillis.getAsLong();
        phases.add(new Phase(phase, Math.max(0, now - lastMark - timedSinceMark)));
        lastMark = now;
        timedSinceMark = 0;
    }

    /** Runs {@code step} and records it as a phase of its own, also when it fails. */
    public <T> T time(String phase, Supplier<T> step) {
        long begin = clockMillis.getAsLong();
        try {
            return step.get();
        } finally {
            long took = Math.max(0, clockMillis.getAsLong() - begin);
            synchronized (this) {
                phases.add(new Phase(phase, took));
                timedSinceMark += took;
            }
        }
    }

    public synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** Time from the start until now. */
    public long elapsedMillis() {
        return Math.max(0, clockMillis.getAsLong() - startMillis);
    }

    /**
     * The line to log when the start took longer than {@code thresholdMillis}: the whole and each
     * phase in the order they ran. Holds names of phases and numbers only.
     */
    public Optional<String> report(long thresholdMillis) {
        long total = elapsedMillis();
        if (total <= thresholdMillis) return Optional.empty();
        return Optional.of(format(total, thresholdMillis, phases()));
    }

    static String format(long total, long thresholdMillis, List<Phase> phases) {
        String each = phases.stream().map(p -> p.name() + " " + p.millis() + " ms").collect(Collectors.joining(", "));
        return "start-up took " + total + " ms (more than " + thresholdMillis + " ms): " + each;
    }
}
