package no.budstikke.dispatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.RandomEvents;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;

/**
 * Decisions per second of the pure dispatch component (no Camel, no database) on the shipped
 * config, for a mixed set of events of every type: the six shared examples plus 2,000 seeded
 * random events built from the per-type fixtures (case context, contacts and places varied).
 *
 * <pre>
 *   mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *        no.budstikke.dispatch.bench.DecisionBenchmark [configDir=config] [seconds=10]
 * </pre>
 *
 * Prints events/s and notices/s on one thread and on all cores, and per-decision p50/p99 in µs.
 * Not a test: run it by hand; results vary with the machine.
 */
public final class DecisionBenchmark {

    private static volatile long sink;

    private DecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path configDir = Path.of(args.length > 0 ? args[0] : "config");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        HubConfig config = HubConfigLoader.load(configDir);
        Dispatcher dispatcher = new Dispatcher(config);

        List<JsonNode> events = new ArrayList<>();
        List<CaseState> states = new ArrayList<>();
        for (String r : Fixtures.resourcesIn("events")) {
            events.add(Fixtures.resource(r));
            states.add(CaseState.UNKNOWN);
        }
        RandomEvents random = new RandomEvents(42);
        for (int i = 0; i < 2000; i++) {
            RandomEvents.Sample s = random.next(i);
            events.add(s.event());
            states.add(s.caseState());
        }
        int n = events.size();
        long noticesPerPass = 0;
        for (int i = 0; i < n; i++) noticesPerPass += dispatcher.decide(events.get(i), states.get(i)).notices().size();

        System.out.printf("machine: %d cores (nproc), %s, %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("config: %s (%d rules, %d offices, %d policies)%n", configDir.toAbsolutePath(), config.rules().size(),
                config.directory().offices().size(), config.policies().policies().size());
        System.out.printf("events: %d mixed over %d types, %.2f notices per event on average%n", n,
                random.types().size(), (double) noticesPerPass / n);

        run(dispatcher, events, states, Math.min(5, seconds / 2)); // warm-up: let the JIT settle
        report("1 thread", run(dispatcher, events, states, seconds), seconds);

        int threads = Runtime.getRuntime().availableProcessors();
        if (threads > 1) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) parts.add(pool.submit(() -> run(dispatcher, events, states, seconds)));
            long[] total = new long[2];
            for (Future<long[]> f : parts) {
                long[] r = f.get();
                total[0] += r[0];
                total[1] += r[1];
            }
            pool.shutdown();
            report(threads + " threads", total, seconds);
        }

        long[] latencies = new long[Math.max(n * 50, 100_000)];
        for (int i = 0; i < latencies.length; i++) {
            int k = i % n;
            long start = System.nanoTime();
            Decision d = dispatcher.decide(events.get(k), states.get(k));
            latencies[i] = System.nanoTime() - start;
            sink += d.notices().size();
        }
        Arrays.sort(latencies);
        System.out.printf("per decision (1 thread, %d samples): p50 %.1f µs, p99 %.1f µs, max %.1f µs%n", latencies.length,
                latencies[latencies.length / 2] / 1e3, latencies[(int) (latencies.length * 0.99)] / 1e3,
                latencies[latencies.length - 1] / 1e3);
        if (sink == 42) System.out.println(); // keeps the work observable
    }

    /** Decides events round-robin for the given time; returns {decisions, notices}. */
    private static long[] run(Dispatcher dispatcher, List<JsonNode> events, List<CaseState> states, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long decisions = 0;
        long notices = 0;
        int n = events.size();
        while (System.nanoTime() < end) {
            for (int i = 0; i < n; i++) {
                Decision d = dispatcher.decide(events.get(i), states.get(i));
                notices += d.notices().size();
                for (var notice : d.notices()) sink += notice.content().size();
            }
            decisions += n;
        }
        return new long[] {decisions, notices};
    }

    private static void report(String label, long[] r, double seconds) {
        System.out.printf("%-10s %,12.0f events/s  %,12.0f notices/s%n", label + ":", r[0] / seconds, r[1] / seconds);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
