package org.amends.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files as plain maps and lists: YAML and JSON files parsed with SnakeYAML, kustomize
 * overlays rendered in Java ({@link Kustomize}), so that no {@code kustomize} or {@code kubectl} is needed.
 */
final class Manifests {

    private Manifests() {}

    /** The repository root: the first directory upwards from the working directory holding docker-compose.yml. */
    static Path root() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no docker-compose.yml with k8s/ beside it above " + Path.of("").toAbsolutePath());
    }

    static Map<String, Object> file(String relativePath) {
        try {
            return map(yaml().load(Files.readString(root().resolve(relativePath), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The overlay directories under k8s/overlays. */
    static List<Path> overlays() {
        try (Stream<Path> dirs = Files.list(root().resolve("k8s/overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every object the overlay renders to, rendered in Java by {@link Kustomize} as kustomize would. */
    static List<Map<String, Object>> render(Path overlay) {
        return Kustomize.build(overlay);
    }

    /** The non-empty YAML documents of {@code file}. */
    static List<Object> documents(Path file) {
        try {
            return documents(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-empty YAML documents of {@code text}. */
    static List<Object> documents(String text) {
        var documents = new ArrayList<Object>();
        for (Object document : yaml().loadAll(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    private static Yaml yaml() {
        var options = new LoaderOptions();
        // Generous: a YAML file may embed a dashboard (about 60 kB) or the realm.
        options.setCodePointLimit(20 * 1024 * 1024);
        return new Yaml(options);
    }

    /** The map at {@code path} (dot-separated keys) under {@code object}, or an empty map. */
    static Map<String, Object> at(Map<String, Object> object, String path) {
        Object value = get(object, path);
        return value == null ? Map.of() : map(value);
    }

    /** The list at {@code path} under {@code object}, or an empty list. */
    static List<Object> listAt(Map<String, Object> object, String path) {
        Object value = get(object, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(path + " is not a list but " + value);
        }
        return List.copyOf(list);
    }

    static @Nullable Object get(Map<String, Object> object, String path) {
        Object current = object;
        for (var key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(get(object, "metadata.name"));
    }
}
