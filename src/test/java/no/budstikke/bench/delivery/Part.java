package no.budstikke.bench.delivery;

import java.nio.file.Path;

/** What each part of the benchmark runs with on one database. */
record Part(DeliverySettings settings, Servers servers, Traffic traffic, Path pgData) {
}
