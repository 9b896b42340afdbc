package no.budstikke.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds password guessing: after {@code maxFailures} failed logins for one name within
 * {@code window}, that name is refused until the oldest failure leaves the window. Counted by the
 * name typed, known or not, so the lockout says nothing of which names exist. Kept in memory: a
 * restart forgets, which costs an attacker a restart per few guesses.
 */
public final class LoginThrottle {

    /** Names tracked at most; the oldest is forgotten first, so typing random names cannot fill the heap. */
    static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_NAMES;
        }
    };

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Whether this name may try now. */
    public synchronized boolean allows(String name) {
        Deque<Instant> times = recent(name);
        return times == null || times.size() < maxFailures;
    }

    public synchronized void failed(String name) {
        Deque<Instant> times = recent(name);
        if (times == null) {
            times = new ArrayDeque<>();
            failures.put(name, times);
        }
        times.addLast(clock.instant());
    }

    public synchronized void succeeded(String name) {
        failures.remove(name);
    }

    private Deque<Instant> recent(String name) {
        Deque<Instant> times = failures.get(name);
        if (times == null) return null;
        Instant since = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) times.removeFirst();
        return times;
    }
}
