package org.amends.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds a committed OpenAPI document to what a partner needs from every operation, so the next endpoint cannot forget
 * it: a summary; a roles statement ({@code x-amends-roles} and "Roles:" in the description; no roles only for an
 * operation that says {@code security: []}); an example for every request and response body; the gateway's 429 with
 * {@code Retry-After}; and every error as an RFC 9457 problem ({@code application/problem+json}) whose examples carry
 * their {@code type} URI.
 */
public final class OpenApiCompleteness {

    static final String ROLES = "x-amends-roles";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiCompleteness() {}

    /** Fails with every gap of the document at {@code path}, one line each. */
    public static void assertComplete(Path path) {
        var gaps = gaps(path);
        if (!gaps.isEmpty()) {
            throw new AssertionError(path + " is incomplete:\n  " + String.join("\n  ", gaps));
        }
    }

    /** Every gap of the document at {@code path}, one line each; empty when it is complete. */
    public static List<String> gaps(Path path) {
        ObjectMapper yaml = YAMLMapper.builder().build();
        return gaps(yaml.readTree(path.toFile()));
    }

    /** Every gap of the given document, one line each; empty when it is complete. */
    public static List<String> gaps(JsonNode document) {
        var gaps = new ArrayList<String>();
        if (!document.at("/components/schemas/Problem/properties/type").isObject()) {
            gaps.add("components.schemas.Problem with a `type` property is missing");
        }
        var paths = document.path("paths");
        if (paths.isEmpty()) {
            gaps.add("the document has no paths");
        }
        for (var path : paths.propertyNames()) {
            for (var method : paths.path(path).propertyNames()) {
                if (METHODS.contains(method)) {
                    operation(
                            document,
                            method.toUpperCase() + " " + path,
                            paths.path(path).path(method),
                            gaps);
                }
            }
        }
        return gaps;
    }

    private static void operation(JsonNode document, String name, JsonNode operation, List<String> gaps) {
        if (operation.path("summary").asString("").isBlank()) {
            gaps.add(name + ": no summary");
        }
        var roles = operation.path(ROLES);
        var isPublic = operation.path("security").isArray()
                && operation.path("security").isEmpty();
        if (!roles.isArray() || (roles.isEmpty() && !isPublic)) {
            gaps.add(name + ": no roles in " + ROLES + " (none only with `security: []`)");
        }
        if (!operation.path("description").asString("").contains("Roles:")) {
            gaps.add(name + ": the description does not say \"Roles:\"");
        }
        if (operation.has("requestBody")) {
            var body = resolve(document, operation.path("requestBody"));
            examples(document, name + " request body", body.path("content"), gaps);
        }
        var responses = operation.path("responses");
        var problems = 0;
        for (var status : responses.propertyNames()) {
            var response = resolve(document, responses.path(status));
            var label = name + " " + status;
            if (status.startsWith("4") || status.startsWith("5")) {
                problems++;
                problem(document, label, response, gaps);
            } else {
                examples(document, label, response.path("content"), gaps);
            }
        }
        if (problems == 0) {
            gaps.add(name + ": no problem response");
        }
        if (!responses.has("429")) {
            gaps.add(name + ": no 429 response");
        } else if (!resolve(document, responses.path("429")).path("headers").has("Retry-After")) {
            gaps.add(name + " 429: no Retry-After header");
        }
    }

    private static void problem(JsonNode document, String label, JsonNode response, List<String> gaps) {
        var content = response.path("content");
        if (!content.has(PROBLEM_JSON) || content.size() != 1) {
            gaps.add(label + ": not only " + PROBLEM_JSON);
            return;
        }
        var media = content.path(PROBLEM_JSON);
        if (!media.path("schema").path("$ref").asString("").endsWith("/Problem")) {
            gaps.add(label + ": its schema is not the Problem schema");
        }
        var values = exampleValues(document, media);
        if (values.isEmpty()) {
            gaps.add(label + ": no example");
        }
        for (var value : values) {
            var type = value.path("type").asString("");
            if (!type.startsWith("https://")
                    || value.path("status").asInt() != Integer.parseInt(label.substring(label.lastIndexOf(' ') + 1))) {
                gaps.add(label + ": an example without its `type` URI or with another status");
            }
        }
    }

    private static void examples(JsonNode document, String label, JsonNode content, List<String> gaps) {
        for (var mediaType : content.propertyNames()) {
            if (exampleValues(document, content.path(mediaType)).isEmpty()) {
                gaps.add(label + " (" + mediaType + "): no example");
            }
        }
    }

    private static List<JsonNode> exampleValues(JsonNode document, JsonNode media) {
        var values = new ArrayList<JsonNode>();
        if (media.has("example")) {
            values.add(media.path("example"));
        }
        for (var example : media.path("examples")) {
            var resolved = resolve(document, example);
            if (resolved.has("value")) {
                values.add(resolved.path("value"));
            }
        }
        return values;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        var ref = node.path("$ref").asString("");
        return ref.startsWith("#") ? document.at(ref.substring(1)) : node;
    }
}
