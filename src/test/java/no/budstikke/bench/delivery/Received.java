package no.budstikke.bench.delivery;

import java.util.Map;

/** What the servers have received so far: HTTP requests by path, mails, SFTP files. */
record Received(Map<String, Long> http, long mails, long files) {

    long httpTotal() {
        return http.values().stream().mapToLong(Long::longValue).sum();
    }
}
