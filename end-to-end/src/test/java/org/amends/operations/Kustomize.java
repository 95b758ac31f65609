package org.amends.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The part of kustomize that k8s/ uses, done in Java so that the manifest checks need no {@code kustomize} or
 * {@code kubectl} on the machine: {@code resources} (files, and directories with a kustomization.yaml, recursively),
 * {@code configMapGenerator}, {@code labels}, {@code patches} (strategic merge, and JSON 6902 with a {@code target}),
 * {@code namespace} and {@code images}, applied in kustomize's order. A field or patch form beyond that fails the
 * render, so that a kustomization the checks cannot read is never checked half-read.
 *
 * <p>Known difference: a generated ConfigMap keeps its plain name (kustomize appends a content hash unless
 * {@code disableNameSuffixHash}); no check depends on the suffix.
 */
final class Kustomize {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "configMapGenerator", "labels", "patches", "namespace", "images");

    // The namespace transformer leaves cluster-wide objects alone.
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "IngressClass",
            "ClusterIssuer");

    // Pod-template labels, where kustomize's `labels` with includeTemplates puts them.
    private static final Set<String> WORKLOADS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job");

    // The strategic-merge keys of the lists k8s/ patches; any other list in a patch replaces the list it patches.
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    private Kustomize() {}

    /** Every object the kustomization in {@code directory} builds to. */
    static List<Map<String, Object>> build(Path directory) {
        var file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(directory + " has no kustomization.yaml");
        }
        var kustomization = Manifests.map(single(Manifests.documents(file), file));
        for (var field : kustomization.keySet()) {
            if (!FIELDS.contains(field)) {
                throw unsupported(file, "field `" + field + "`");
            }
        }
        var objects = new ArrayList<Map<String, Object>>();
        for (var resource : Manifests.listAt(kustomization, "resources")) {
            var path = directory.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                Manifests.documents(path).forEach(document -> objects.add(Manifests.map(document)));
            } else {
                throw new IllegalStateException(file + ": resource " + resource + " does not exist");
            }
        }
        for (var generator : Manifests.listAt(kustomization, "configMapGenerator")) {
            objects.add(configMap(directory, Manifests.map(generator)));
        }
        rejectDuplicates(objects, file);
        for (var patch : Manifests.listAt(kustomization, "patches")) {
            patch(objects, directory, Manifests.map(patch));
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            objects.stream()
                    .filter(object -> !CLUSTER_SCOPED.contains(object.get("kind")))
                    .forEach(object -> child(object, "metadata").put("namespace", namespace));
        }
        for (var labels : Manifests.listAt(kustomization, "labels")) {
            label(objects, Manifests.map(labels), file);
        }
        for (var image : Manifests.listAt(kustomization, "images")) {
            var fields = Manifests.map(image);
            objects.forEach(object -> retag(object, fields));
        }
        return objects;
    }

    private static Map<String, Object> configMap(Path directory, Map<String, Object> generator) {
        for (var field : generator.keySet()) {
            if (!Set.of("name", "files", "literals", "options").contains(field)) {
                throw unsupported(directory, "configMapGenerator field `" + field + "`");
            }
        }
        var data = new LinkedHashMap<String, Object>();
        for (var entry : Manifests.listAt(generator, "files")) {
            var spec = String.valueOf(entry);
            var equals = spec.indexOf('=');
            var path = directory.resolve(equals < 0 ? spec : spec.substring(equals + 1));
            var key = equals < 0 ? path.getFileName().toString() : spec.substring(0, equals);
            try {
                data.put(key, Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (var literal : Manifests.listAt(generator, "literals")) {
            var spec = String.valueOf(literal);
            data.put(spec.substring(0, spec.indexOf('=')), spec.substring(spec.indexOf('=') + 1));
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", generator.get("name"));
        var options = Manifests.at(generator, "options");
        for (var option : options.keySet()) {
            if (!Set.of("disableNameSuffixHash", "labels", "annotations").contains(option)) {
                throw unsupported(directory, "configMapGenerator option `" + option + "`");
            }
        }
        for (var field : List.of("labels", "annotations")) {
            if (options.get(field) != null) {
                metadata.put(field, copy(options.get(field)));
            }
        }
        var configMap = new LinkedHashMap<String, Object>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", metadata);
        configMap.put("data", data);
        return configMap;
    }

    private static void rejectDuplicates(List<Map<String, Object>> objects, Path file) {
        var seen = new HashSet<String>();
        for (var object : objects) {
            var id = object.get("kind") + " " + Manifests.get(object, "metadata.namespace") + "/"
                    + Manifests.name(object);
            if (!seen.add(id)) {
                throw new IllegalStateException(file + ": " + id + " is defined twice");
            }
        }
    }

    private static void patch(List<Map<String, Object>> objects, Path directory, Map<String, Object> patch) {
        for (var field : patch.keySet()) {
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw unsupported(directory, "patch field `" + field + "`");
            }
        }
        List<Object> documents;
        String where;
        if (patch.get("path") instanceof String path) {
            documents = Manifests.documents(directory.resolve(path));
            where = directory.resolve(path).toString();
        } else {
            documents = Manifests.documents(String.valueOf(patch.get("patch")));
            where = directory + ": " + patch.get("target");
        }
        var target = patch.get("target") == null ? null : Manifests.map(patch.get("target"));
        if (documents.size() == 1 && documents.getFirst() instanceof List<?> operations) {
            if (target == null) {
                throw new IllegalStateException(where + ": a JSON 6902 patch needs a target");
            }
            for (var object : targets(objects, target, where)) {
                operations.forEach(operation -> apply(object, Manifests.map(operation), where));
            }
            return;
        }
        for (var document : documents) {
            var strategic = Manifests.map(document);
            var selector = target != null
                    ? target
                    : Map.<String, Object>of(
                            "kind", Pattern.quote(String.valueOf(strategic.get("kind"))),
                            "name", Pattern.quote(Manifests.name(strategic)));
            for (var object : targets(objects, selector, where)) {
                merge(object, strategic, where);
            }
        }
    }

    /** The objects a patch target selects: its kind and name are regular expressions over the whole value. */
    private static List<Map<String, Object>> targets(
            List<Map<String, Object>> objects, Map<String, Object> target, String where) {
        for (var field : target.keySet()) {
            if (!Set.of("kind", "name").contains(field)) {
                throw unsupported(where, "patch target field `" + field + "`");
            }
        }
        var kind = anchored(target.get("kind"));
        var name = anchored(target.get("name"));
        var selected = objects.stream()
                .filter(object ->
                        kind.matcher(String.valueOf(object.get("kind"))).matches())
                .filter(object -> name.matcher(Manifests.name(object)).matches())
                .toList();
        if (selected.isEmpty()) {
            // kustomize would pass over it; here a patch that patches nothing is a mistake to see.
            throw new IllegalStateException(where + ": the patch matches no object");
        }
        return selected;
    }

    private static Pattern anchored(@Nullable Object regex) {
        return Pattern.compile(regex == null ? ".*" : "^(?:" + regex + ")$");
    }

    /** Strategic merge: maps merge key by key, a null removes, lists with a merge key merge element by element. */
    private static void merge(Map<String, Object> object, Map<String, Object> patch, String where) {
        for (var entry : patch.entrySet()) {
            var key = entry.getKey();
            var value = entry.getValue();
            var current = object.get(key);
            if (key.startsWith("$")) {
                throw unsupported(where, "directive `" + key + "`");
            } else if (value == null) {
                object.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                merge(Manifests.map(current), Manifests.map(value), where);
            } else if (value instanceof List<?> patchList
                    && current instanceof List<?> currentList
                    && MERGE_KEYS.containsKey(key)) {
                object.put(key, mergeList(currentList, patchList, MERGE_KEYS.get(key), where));
            } else {
                object.put(key, copy(value));
            }
        }
    }

    /** As kustomize orders them: the patch's elements (merged into their originals) first, then the untouched ones. */
    private static List<Object> mergeList(List<?> current, List<?> patch, String mergeKey, String where) {
        var untouched = new ArrayList<Object>(current);
        var merged = new ArrayList<Object>();
        for (var element : patch) {
            var fields = Manifests.map(element);
            var key = fields.get(mergeKey);
            if (key == null) {
                throw new IllegalStateException(where + ": a list element without its merge key " + mergeKey);
            }
            var original = untouched.stream()
                    .map(Manifests::map)
                    .filter(candidate -> key.equals(candidate.get(mergeKey)))
                    .findFirst();
            if (original.isPresent()) {
                untouched.remove(original.get());
                merge(original.get(), fields, where);
                merged.add(original.get());
            } else {
                merged.add(copy(fields));
            }
        }
        merged.addAll(untouched);
        return merged;
    }

    /** One JSON 6902 operation (add, replace, remove) on {@code object}. */
    private static void apply(Map<String, Object> object, Map<String, Object> operation, String where) {
        var op = String.valueOf(operation.get("op"));
        var path = String.valueOf(operation.get("path"));
        if (!Set.of("add", "replace", "remove").contains(op)) {
            throw unsupported(where, "JSON 6902 op `" + op + "`");
        }
        var tokens = new ArrayList<String>();
        for (var token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = object;
        for (var token : tokens.subList(0, tokens.size() - 1)) {
            parent = switch (parent) {
                case Map<?, ?> map when map.containsKey(token) -> map.get(token);
                case List<?> list
                when token.matches("\\d+") && Integer.parseInt(token) < list.size() ->
                    list.get(Integer.parseInt(token));
                default -> throw new IllegalStateException(where + ": " + op + " " + path + " on a missing path");
            };
        }
        var last = tokens.getLast();
        var value = copy(operation.get("value"));
        var what = where + ": " + op + " " + path + " of " + Manifests.name(object);
        if (parent instanceof Map<?, ?> rawMap) {
            var map = Manifests.map(rawMap);
            if (!op.equals("add") && !map.containsKey(last)) {
                throw new IllegalStateException(what + ": nothing there to " + op);
            }
            if (op.equals("remove")) {
                map.remove(last);
            } else {
                map.put(last, value);
            }
        } else if (parent instanceof List<?> rawList) {
            @SuppressWarnings("unchecked")
            var list = (List<Object>) rawList;
            var index = last.equals("-") && op.equals("add") ? list.size() : Integer.parseInt(last);
            if (index > list.size() || (!op.equals("add") && index == list.size())) {
                throw new IllegalStateException(what + ": index out of range");
            }
            switch (op) {
                case "add" -> list.add(index, value);
                case "replace" -> list.set(index, value);
                default -> list.remove(index);
            }
        } else {
            throw new IllegalStateException(what + ": the parent is neither a map nor a list");
        }
    }

    private static void label(List<Map<String, Object>> objects, Map<String, Object> labels, Path file) {
        if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
            throw unsupported(file, "labels with includeSelectors: true");
        }
        var pairs = Manifests.at(labels, "pairs");
        for (var object : objects) {
            child(child(object, "metadata"), "labels").putAll(pairs);
            if (Boolean.TRUE.equals(labels.get("includeTemplates")) && WORKLOADS.contains(object.get("kind"))) {
                child(child(child(child(object, "spec"), "template"), "metadata"), "labels")
                        .putAll(pairs);
            }
        }
    }

    /** Rewrites every container image named {@code image.name}, wherever a pod spec appears in {@code node}. */
    private static void retag(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                if (Set.of("containers", "initContainers").contains(entry.getKey())
                        && entry.getValue() instanceof List<?> containers) {
                    for (var container : containers) {
                        var fields = Manifests.map(container);
                        if (fields.get("image") instanceof String reference) {
                            fields.put("image", retagged(reference, image));
                        }
                    }
                } else {
                    retag(entry.getValue(), image);
                }
            }
        } else if (node instanceof List<?> list) {
            list.forEach(element -> retag(element, image));
        }
    }

    private static String retagged(String reference, Map<String, Object> image) {
        var name = reference;
        var version = "";
        var at = reference.indexOf('@');
        var colon = reference.lastIndexOf(':');
        if (at >= 0) {
            name = reference.substring(0, at);
            version = reference.substring(at);
        } else if (colon > reference.lastIndexOf('/')) {
            name = reference.substring(0, colon);
            version = reference.substring(colon);
        }
        if (!name.equals(image.get("name"))) {
            return reference;
        }
        if (image.get("digest") != null) {
            version = "@" + image.get("digest");
        } else if (image.get("newTag") != null) {
            version = ":" + image.get("newTag");
        }
        return image.getOrDefault("newName", name) + version;
    }

    /** The map under {@code key}, created when absent. */
    private static Map<String, Object> child(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof Map<?, ?>)) {
            object.put(key, new LinkedHashMap<String, Object>());
        }
        return Manifests.map(object.get(key));
    }

    private static @Nullable Object copy(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, @Nullable Object>();
            map.forEach((key, element) -> copy.put(key, copy(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            var copy = new ArrayList<@Nullable Object>();
            list.forEach(element -> copy.add(copy(element)));
            return copy;
        }
        return value;
    }

    private static Object single(List<Object> documents, Path file) {
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " documents, not one");
        }
        return documents.getFirst();
    }

    private static IllegalStateException unsupported(Object where, String what) {
        return new IllegalStateException(
                where + ": " + what + " is beyond what Kustomize (end-to-end, org.amends.operations) renders; "
                        + "teach it, rather than dropping the check");
    }
}
