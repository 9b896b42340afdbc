package no.budstikke.model;

import java.util.List;
import java.util.Optional;

/**
 * One recipient of a duty: a role, where it is resolved, an optional extra condition and
 * priority, and whether the notice is a copy of the duty's main notice.
 */
public record Recipient(Role role, List<Where> where, Condition when, Optional<Priority> priority, boolean copy) {
}
