package no.budstikke.model;

import java.util.List;

/** Everything an event leads to. */
public record Decision(List<Notice> notices, List<Unresolved> unresolved) {
}
