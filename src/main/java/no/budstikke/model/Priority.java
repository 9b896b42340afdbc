package no.budstikke.model;

/** URGENT: a child may be in danger. HIGH: a deadline or appointment is near. Declared most urgent first. */
public enum Priority {
    URGENT, HIGH, NORMAL
}
