package org.amends.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.amends.contracts.EventType;

/**
 * Checks that a service's README lists exactly the events the service publishes and consumes, so the page a
 * newcomer reads cannot drift from the catalogue. The README has a {@code ### Publishes} and a {@code ### Consumes}
 * section, each with one {@code - `amends.<area>.<event>.v<N>`} line per type (or the word "nothing").
 */
public final class ServiceReadme {

    private static final Pattern TYPE_LINE = Pattern.compile("^- `(amends\\.[a-z]+\\.[a-z-]+\\.v[0-9]+)`.*");

    private ServiceReadme() {}

    public static void assertListsEvents(
            Path readme, Collection<? extends EventType<?>> publishes, Collection<? extends EventType<?>> consumes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        compare(readme, "### Publishes", section(lines, "### Publishes"), publishes);
        compare(readme, "### Consumes", section(lines, "### Consumes"), consumes);
    }

    private static void compare(
            Path readme, String heading, TreeSet<String> listed, Collection<? extends EventType<?>> actual) {
        var expected = new TreeSet<String>();
        actual.forEach(type -> expected.add(type.type()));
        if (!listed.equals(expected)) {
            throw new AssertionError(readme + " section '" + heading + "' lists " + listed + " but the service "
                    + (heading.contains("Publishes") ? "publishes " : "consumes ") + expected);
        }
    }

    private static TreeSet<String> section(List<String> lines, String heading) {
        var types = new TreeSet<String>();
        var start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError("README has no '" + heading + "' section");
        }
        for (var line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            var match = TYPE_LINE.matcher(line.strip());
            if (match.matches()) {
                types.add(match.group(1));
            }
        }
        return types;
    }
}
