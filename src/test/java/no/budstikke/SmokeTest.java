package no.budstikke;
import org.junit.jupiter.api.Test;
class SmokeTest { @Test void ok() {} }
