package no.budstikke.model;

/** How an office receives notices. {@code task} is a phone call or other step for staff. */
public enum Channel {
    MAIL, SFTP, HTTP, TASK
}
