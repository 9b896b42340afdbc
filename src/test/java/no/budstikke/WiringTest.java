package no.budstikke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.junit.jupiter.api.Test;

/** The routes and the wiring classes agree on bean names: each name a route uses is bound, and by one class only. */
class WiringTest {

    /** The ways a route names a bean: a bean step's ref, bean: in a URI or simple expression, "#name" or "#bean:name", a job's bean parameter. */
    private static final List<Pattern> REFERENCES = List.of(
            Pattern.compile("\\bref:\\s*\"?([A-Za-z]\\w*)\"?\\s*$", Pattern.MULTILINE),
            Pattern.compile("(?<![\\w-])bean:([A-Za-z]\\w*)\\?"),
            Pattern.compile("\"#(?:bean:)?([A-Za-z]\\w*)\""),
            Pattern.compile("-\\s*name:\\s*bean\\s*\\n\\s*value:\\s*\"?([A-Za-z]\\w*)\"?"));

    @Test
    void everyBeanARouteNamesIsBoundByAWiringClass() throws IOException {
        Set<String> referenced = referencedByRoutes(Path.of("routes"));
        // One of each way of naming a bean is found, so that a pattern gone wrong cannot pass unnoticed.
        assertThat(referenced).contains("intakeHttp", "fileIntake", "deliveryPool", "dufDataSource", "overdueTasks");

        assertThat(bound().keySet()).containsAll(referenced);
    }

    @Test
    void noTwoWiringMethodsBindTheSameName() {
        Map<String, List<String>> bound = bound();
        Map<String, List<String>> twice = new TreeMap<>(bound);
        twice.values().removeIf(where -> where.size() == 1);

        assertThat(twice).as("names bound more than once").isEmpty();
        assertThat(bound).hasSizeGreaterThan(Budstikke.WIRING.size());
    }

    /** Each bound name, with the wiring methods that bind it. */
    private static Map<String, List<String>> bound() {
        Map<String, List<String>> names = new TreeMap<>();
        for (Class<? extends CamelConfiguration> wiring : Budstikke.WIRING) {
            for (Method method : wiring.getDeclaredMethods()) {
                BindToRegistry bind = method.getAnnotation(BindToRegistry.class);
                if (bind == null) continue;
                String name = bind.value().isEmpty() ? method.getName() : bind.value();
                names.computeIfAbsent(name, n -> new ArrayList<>()).add(wiring.getSimpleName() + "." + method.getName());
            }
        }
        return names;
    }

    /** Routes may sit in subfolders of routes/. */
    static Set<String> referencedByRoutes(Path routes) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(routes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                String yaml = Files.readString(file);
                for (Pattern reference : REFERENCES) {
                    Matcher m = reference.matcher(yaml);
                    while (m.find()) names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
