package no.budstikke.bench.delivery;

import com.icegreen.greenmail.util.GreenMail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import no.budstikke.bench.BenchSupport.Cpu;

/**
 * Where the time goes. Every 10 ms, the stacks of the delivery pool's threads and of the deliver
 * and dispatch routes' timer threads, counted by what each was doing; every 100 ms, the CPU time
 * of every thread of this JVM by group, and at the end the CPU time of this JVM, of PostgreSQL
 * and of the whole machine (other processes on it skew every figure).
 */
final class Sampler {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> pool = new HashMap<>();
    private final Map<String, Long> frames = new HashMap<>();
    private final Map<String, Long> timer = new HashMap<>();
    private final Map<String, Long> dispatch = new HashMap<>();
    /** Per thread id: its group, and its CPU time when first and last seen. */
    private final Map<Long, String> groupOf = new HashMap<>();
    private final Map<Long, long[]> cpu = new HashMap<>();
    private final long wall0 = System.nanoTime();
    private final long process0 = processCpuNanos();
    private final long gc0 = gcMillis();
    private final long jit0 = jitMillis();
    private final Cpu.Sample machine0;
    private final Path pgData;
    private final long pg0;
    private volatile boolean running = true;
    private long samples;
    private Thread thread;

    private Sampler(Path pgData) {
        this.pgData = pgData;
        this.pg0 = postgresCpuNanos(pgData);
        this.machine0 = Cpu.sample(pgData);
    }

    static Sampler start(Path pgData) {
        Sampler s = new Sampler(pgData);
        s.thread = new Thread(s::run, "bench-sampler");
        s.thread.setDaemon(true);
        s.thread.start();
        return s;
    }

    private void run() {
        for (long tick = 0; running; tick++) {
            if (tick % 10 == 0) accountCpu();
            for (ThreadInfo t : mx.dumpAllThreads(false, false, 64)) {
                if (t == null) continue;
                // Camel names them "Camel (<context>) thread #12 - delivery", "... - timer://deliver", "... - timer://dispatch".
                String name = t.getThreadName();
                Map<String, Long> counts = name.endsWith(" - delivery") ? pool : name.endsWith(" - timer://deliver") ? timer
                        : name.endsWith(" - timer://dispatch") ? dispatch : null;
                if (counts == null) continue;
                StackTraceElement[] stack = t.getStackTrace();
                String category = category(stack);
                synchronized (this) {
                    counts.merge(category, 1L, Long::sum);
                    if (counts == pool && !category.startsWith("idle")) frames.merge(innermostNonJdk(stack), 1L, Long::sum);
                }
            }
            synchronized (this) {
                samples++;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
        accountCpu();
    }

    private synchronized void accountCpu() {
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
            if (t == null) continue;
            long c = mx.getThreadCpuTime(t.getThreadId());
            if (c < 0) continue;
            groupOf.putIfAbsent(t.getThreadId(), group(t.getThreadName()));
            cpu.computeIfAbsent(t.getThreadId(), id -> new long[] {c, c})[1] = c;
        }
    }

    private static String group(String name) {
        if (name.endsWith(" - delivery")) return "hub delivery pool (channel sends, outcome records)";
        if (name.endsWith(" - timer://deliver")) return "hub deliver timer (claims)";
        if (name.endsWith(" - timer://dispatch")) return "hub dispatch";
        if (name.startsWith("Connect thread")) return "hub SFTP client (JSch session threads)";
        if (name.startsWith("vert.x")) return "hub HTTP intake (Vert.x)";
        if (name.startsWith("Camel (")) return "hub, other Camel threads";
        if (name.startsWith("MVStore background writer")) return "H2 background writer";
        if (name.startsWith("sshd-") || name.contains("SshServer")) return "SFTP server (MINA SSHD)";
        if (name.startsWith("qtp")) return "HTTP server (WireMock, Jetty)";
        if (name.toLowerCase(Locale.ROOT).contains("smtp") || name.toLowerCase(Locale.ROOT).contains("greenmail")) return "SMTP server (GreenMail)";
        if (name.startsWith("bench-") || name.startsWith("HttpClient")) return "benchmark (clients, sampler, injector)";
        if (name.startsWith("HikariPool") || name.startsWith("budstikke")) return "connection pool";
        return "other: " + name.replaceAll("[0-9]+", "#");
    }

    /** What a thread is doing, judged by the libraries on its stack. */
    private static String category(StackTraceElement[] stack) {
        if (stack.length == 0) return "no stack";
        if (has(stack, "org.postgresql.", "org.h2.")) {
            String what = calls(stack, "commit") ? "commit" : calls(stack, "claim") ? "claim query"
                    : calls(stack, "delivered") || calls(stack, "failed") ? "recording the outcome (attempt, status)"
                    : calls(stack, "dispatchOne") || calls(stack, "dispatchGroup") ? "dispatching an event" : "other statement";
            return "database: " + what;
        }
        if (has(stack, "com.zaxxer.hikari.")) return "database: waiting for a pooled connection";
        if (has(stack, "com.jcraft.jsch.")) return "SFTP (JSch: connect, key exchange, auth, write)";
        if (has(stack, "jakarta.mail.", "org.eclipse.angus.mail.", "com.sun.mail.")) return "mail (SMTP)";
        if (has(stack, "org.apache.hc.")) return "HTTP (Apache HttpClient)";
        if (has(stack, "AsyncProcessorAwaitManager")) return "waiting for the batch's sends to finish (split)";
        if (calls(stack, "getTask")) return "idle (waiting for work)";
        if (stack.length < 8 && has(stack, "java.util.TimerThread")) return "waiting for the next poll";
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("no.budstikke.")) {
                return "hub code: " + f.getClassName().substring("no.budstikke.".length()) + "." + f.getMethodName();
            }
        }
        return "other: " + innermostNonJdk(stack);
    }

    private static boolean has(StackTraceElement[] stack, String... prefixes) {
        for (StackTraceElement f : stack) {
            for (String p : prefixes) {
                if (f.getClassName().startsWith(p) || f.getClassName().contains(p)) return true;
            }
        }
        return false;
    }

    private static boolean calls(StackTraceElement[] stack, String method) {
        return Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals(method));
    }

    private static String innermostNonJdk(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) continue;
            return c + "." + f.getMethodName();
        }
        return stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    String stop() throws InterruptedException {
        running = false;
        thread.join(5000);
        double wallS = (System.nanoTime() - wall0) / 1e9;
        double processS = (processCpuNanos() - process0) / 1e9;
        double gcS = (gcMillis() - gc0) / 1e3;
        double jitS = (jitMillis() - jit0) / 1e3;
        double pgS = pgData == null ? 0 : (postgresCpuNanos(pgData) - pg0) / 1e9;
        String machine = Cpu.sample(pgData).minus(machine0, System.nanoTime() - wall0);
        StringBuilder sb = new StringBuilder();
        synchronized (this) {
            sb.append(String.format(Locale.ROOT, "cpu      over %.1f s: %s; of this benchmark's, this JVM %.2f, PostgreSQL %.2f%n",
                    wallS, machine, processS / wallS, pgS / wallS));
            Map<String, Long> byGroup = new HashMap<>();
            cpu.forEach((id, c) -> byGroup.merge(groupOf.get(id), c[1] - c[0], Long::sum));
            long threads = byGroup.values().stream().mapToLong(Long::longValue).sum();
            byGroup.put(String.format(Locale.ROOT, "JVM itself and threads that ended between readings (GC pauses %.1f s, JIT %.1f s)",
                    gcS, jitS), Math.max(0, (long) (processS * 1e9) - threads));
            if (pgData != null) byGroup.put("PostgreSQL server processes", (long) (pgS * 1e9));
            sb.append("cpu      CPU seconds by who spent them:").append(System.lineSeparator());
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .filter(e -> e.getValue() > 5e7)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "         %6.1f s  %s%n", e.getValue() / 1e9, e.getKey())));
            sb.append(String.format(Locale.ROOT, "sample   %d stack samples, 10 ms apart; the delivery pool's threads were:%n", samples));
            append(sb, pool, 10);
            sb.append("sample   the deliver route's timer thread (claims, then waits for the batch) was:").append(System.lineSeparator());
            append(sb, timer, 6);
            sb.append("sample   the dispatch route's timer thread was:").append(System.lineSeparator());
            append(sb, dispatch, 6);
            sb.append("sample   busy pool threads, innermost non-JDK frame:").append(System.lineSeparator());
            append(sb, frames, 8);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Long> counts, int top) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "         %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** CPU time of the PostgreSQL server serving {@code pgData} and of its backends. */
    private static long postgresCpuNanos(Path pgData) {
        return pgData == null ? 0 : Cpu.ticks(Cpu.postmasterPid(pgData)) * Cpu.NANOS_PER_TICK;
    }
}
