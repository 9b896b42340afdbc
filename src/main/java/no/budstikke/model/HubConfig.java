package no.budstikke.model;

import java.util.List;

/** Everything dispatch decides from, loaded and cross-checked as one. */
public record HubConfig(Directory directory, List<Rule> rules, Policies policies) {
}
