package org.amends.operations;

import static org.amends.operations.Manifests.at;
import static org.amends.operations.Manifests.get;
import static org.amends.operations.Manifests.listAt;
import static org.amends.operations.Manifests.map;
import static org.amends.operations.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every deployment of Amends must keep, checked on the files as they are rendered: docker-compose.yml as
 * compose reads it, and every kustomize overlay as kustomize renders it, rendered in Java ({@link Kustomize}) so the
 * checks need no kustomize or kubectl.
 */
class DeploymentManifestsTest {

    private static final Set<String> SERVICES = Set.of("gateway", "case-service", "remedy-service", "insight-service");

    // A tag that names a version (not `latest`, not absent), or a digest.
    private static final Pattern PINNED_IMAGE =
            Pattern.compile("^[^@]+:(?!latest$)[\\w][\\w.-]{0,127}$|^.+@sha256:[0-9a-f]{64}$");

    static Stream<Path> overlays() {
        return Manifests.overlays().stream();
    }

    @Nested
    class TheComposeFile {

        private final Map<String, Object> compose = Manifests.file("docker-compose.yml");
        private final Map<String, Object> services = at(compose, "services");

        @Test
        void runsTheFourServicesAndWhatTheyNeed() {
            assertThat(services.keySet())
                    .containsAll(SERVICES)
                    .contains("postgres", "rabbitmq", "redis", "keycloak", "prometheus", "grafana");
        }

        @Test
        void givesEveryServiceAHealthCheck() {
            services.forEach((name, service) -> {
                var test = listAt(map(service), "healthcheck.test");
                assertThat(test).as("healthcheck.test of %s", name).isNotEmpty();
                assertThat(test.getFirst()).as("healthcheck of %s", name).isNotEqualTo("NONE");
            });
        }

        @Test
        void pinsEveryImageToAVersion() {
            services.forEach((name, service) -> assertThat(String.valueOf(get(map(service), "image")))
                    .as("image of %s", name)
                    .matches(PINNED_IMAGE));
        }

        @Test
        void startsEachServiceOnlyOnceWhatItDependsOnIsHealthy() {
            services.forEach((name, service) -> at(map(service), "depends_on")
                    .forEach((dependency, condition) -> assertThat(get(map(condition), "condition"))
                            .as("%s depends on %s", name, dependency)
                            .isEqualTo("service_healthy")));
        }

        @Test
        void buildsEveryAmendsServiceFromItsOwnDockerfile() {
            for (var name : SERVICES) {
                assertThat(get(at(services, name), "build.dockerfile")).isEqualTo(name + "/Dockerfile");
            }
        }

        @Test
        void validatesTheIssuerBrowsersSeeAndFetchesKeysInsideTheComposeNetwork() {
            var hostname = String.valueOf(get(at(services, "keycloak"), "environment.KC_HOSTNAME"));
            for (var name : SERVICES) {
                var environment = at(at(services, name), "environment");
                assertThat(environment.get("AMENDS_ISSUER_URI"))
                        .as("issuer of %s", name)
                        .isEqualTo(hostname + "/realms/amends");
                assertThat(String.valueOf(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI")))
                        .as("JWK Set of %s", name)
                        .startsWith("http://keycloak:");
            }
        }

        @Test
        void givesTheBrokerLessCpuWeightThanTheLivePath() {
            // Docker's default weight is 1,024; intake's answer never waits for the broker (the outbox).
            for (var live : List.of("gateway", "case-service", "postgres", "redis", "keycloak")) {
                assertThat(cpuShares("rabbitmq"))
                        .as("rabbitmq against %s", live)
                        .isLessThan(cpuShares(live));
            }
        }

        private int cpuShares(String service) {
            var shares = get(at(services, service), "cpu_shares");
            return shares == null ? 1024 : ((Number) shares).intValue();
        }

        @Test
        void importsTheRealmTheTestsUse() {
            assertThat(listAt(at(services, "keycloak"), "volumes"))
                    .anySatisfy(
                            volume -> assertThat(String.valueOf(volume)).startsWith("./keycloak/amends-realm.json:"));
        }
    }

    @Nested
    class ThePrometheusConfiguration {

        @Test
        void scrapesEveryServiceAndRabbitMqPerQueue() {
            var jobs = listAt(Manifests.file("prometheus/prometheus.yml"), "scrape_configs");
            var targets = new ArrayList<String>();
            for (var job : jobs) {
                for (var staticConfig : listAt(map(job), "static_configs")) {
                    listAt(map(staticConfig), "targets").forEach(target -> targets.add(String.valueOf(target)));
                }
            }
            assertThat(targets)
                    .contains("gateway:8080", "case-service:8081", "remedy-service:8082", "insight-service:8083")
                    .contains("rabbitmq:15692");
            assertThat(jobs)
                    .anySatisfy(job -> assertThat(get(map(job), "metrics_path")).isEqualTo("/metrics/per-object"));
        }

        @Test
        void givesEveryAlertASeverityAndARunbookLine() {
            var rules = new ArrayList<Map<String, Object>>();
            for (var group : listAt(Manifests.file("prometheus/rules/amends.rules.yml"), "groups")) {
                listAt(map(group), "rules").forEach(rule -> rules.add(map(rule)));
            }
            assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
            for (var rule : rules) {
                assertThat(get(rule, "labels.severity"))
                        .as("severity of %s", rule.get("alert"))
                        .isNotNull();
                assertThat(String.valueOf(get(rule, "annotations.runbook")))
                        .as("runbook of %s", rule.get("alert"))
                        .hasSizeGreaterThan(20);
            }
        }
    }

    @Nested
    class TheGrafanaDashboards {

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#dashboards")
        void giveEveryPanelAQueryOnTheChosenDataSource(String dashboard) {
            var panels = listAt(Manifests.file("grafana/dashboards/" + dashboard), "panels");
            assertThat(panels).isNotEmpty();
            for (var panel : panels) {
                var fields = map(panel);
                if ("row".equals(fields.get("type"))) {
                    continue;
                }
                assertThat(get(fields, "datasource.uid"))
                        .as("data source of %s", fields.get("title"))
                        .isEqualTo("${datasource}");
                assertThat(listAt(fields, "targets"))
                        .as("queries of %s", fields.get("title"))
                        .isNotEmpty()
                        .allSatisfy(target -> assertThat(String.valueOf(get(map(target), "expr")))
                                .isNotBlank());
            }
        }
    }

    static Stream<String> dashboards() {
        return Stream.of("service-recovery.json", "platform-health.json");
    }

    @Nested
    class EveryKustomizeOverlay {

        @Test
        void thereAreADevAndAProductionOverlay() {
            assertThat(Manifests.overlays())
                    .extracting(overlay -> overlay.getFileName().toString())
                    .contains("dev", "production");
        }

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#overlays")
        void givesEveryDeploymentProbesResourcesANonRootUserAndAPinnedImage(Path overlay) {
            var deployments = kind(Manifests.render(overlay), "Deployment");
            assertThat(deployments).extracting(Manifests::name).containsAll(SERVICES);
            for (var deployment : deployments) {
                var pod = at(deployment, "spec.template.spec");
                for (var container : listAt(pod, "containers")) {
                    var fields = map(container);
                    var what = name(deployment) + "/" + fields.get("name") + " in " + overlay.getFileName();
                    assertThat(get(fields, "readinessProbe"))
                            .as("readiness probe of %s", what)
                            .isNotNull();
                    assertThat(get(fields, "livenessProbe"))
                            .as("liveness probe of %s", what)
                            .isNotNull();
                    assertThat(at(fields, "resources.requests"))
                            .as("requests of %s", what)
                            .containsKeys("cpu", "memory");
                    assertThat(at(fields, "resources.limits"))
                            .as("limits of %s", what)
                            .containsKey("memory");
                    assertThat(runsAsNonRoot(pod, fields))
                            .as("runAsNonRoot of %s", what)
                            .isTrue();
                    assertThat(get(fields, "securityContext.allowPrivilegeEscalation"))
                            .as("allowPrivilegeEscalation of %s", what)
                            .isEqualTo(false);
                    assertThat(String.valueOf(fields.get("image")))
                            .as("image of %s", what)
                            .matches(PINNED_IMAGE);
                }
            }
        }

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#overlays")
        void runsTheAmendsServicesReadOnlyWithAWritableTmpAndAGracefulShutdown(Path overlay) {
            for (var deployment : amendsServices(Manifests.render(overlay))) {
                var pod = at(deployment, "spec.template.spec");
                var container = map(listAt(pod, "containers").getFirst());
                var what = name(deployment) + " in " + overlay.getFileName();
                assertThat(get(container, "securityContext.readOnlyRootFilesystem"))
                        .as("read-only root of %s", what)
                        .isEqualTo(true);
                assertThat(listAt(container, "volumeMounts"))
                        .as("/tmp of %s", what)
                        .anySatisfy(mount ->
                                assertThat(get(map(mount), "mountPath")).isEqualTo("/tmp"));
                assertThat(get(container, "lifecycle.preStop"))
                        .as("preStop of %s", what)
                        .isNotNull();
                assertThat((Integer) get(pod, "terminationGracePeriodSeconds"))
                        .as("grace period of %s", what)
                        .isGreaterThan(30);
                assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
                assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
            }
        }

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#overlays")
        void scalesTheEdgeOnCpuAndTheConsumersOnTheirOwnQueues(Path overlay) {
            var objects = Manifests.render(overlay);
            assertThat(kind(objects, "HorizontalPodAutoscaler"))
                    .extracting(hpa -> get(hpa, "spec.scaleTargetRef.name"))
                    .containsExactlyInAnyOrder("gateway", "case-service");
            for (var scaledObject : kind(objects, "ScaledObject")) {
                var target = String.valueOf(get(scaledObject, "spec.scaleTargetRef.name"));
                assertThat(listAt(scaledObject, "spec.triggers"))
                        .singleElement()
                        .satisfies(trigger -> assertThat(get(map(trigger), "metadata.queueName"))
                                .isEqualTo(target + ".case-events"));
            }
            assertThat(kind(objects, "ScaledObject"))
                    .extracting(Manifests::name)
                    .containsExactlyInAnyOrder("remedy-service", "insight-service");
        }

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#overlays")
        void protectsEveryServiceWithADisruptionBudgetAndANetworkPolicy(Path overlay) {
            var objects = Manifests.render(overlay);
            var budgets = kind(objects, "PodDisruptionBudget");
            for (var service : SERVICES) {
                assertThat(budgets)
                        .as("disruption budget of %s", service)
                        .anySatisfy(budget -> assertThat(get(budget, "spec.selector.matchLabels"))
                                .isEqualTo(Map.of("app.kubernetes.io/name", service)));
            }
            assertThat(kind(objects, "NetworkPolicy"))
                    .anySatisfy(
                            policy -> assertThat(at(policy, "spec.podSelector")).isEmpty());
        }

        @ParameterizedTest
        @MethodSource("org.amends.operations.DeploymentManifestsTest#overlays")
        void runsRabbitMqOnThreeNodesInProductionAndKeepsSecretsOutOfTheRepository(Path overlay) {
            var objects = Manifests.render(overlay);
            assertThat(kind(objects, "Secret"))
                    .as("Secrets are referenced, never committed")
                    .isEmpty();
            if (overlay.getFileName().toString().equals("production")) {
                assertThat(kind(objects, "RabbitmqCluster"))
                        .singleElement()
                        .satisfies(cluster ->
                                assertThat(get(cluster, "spec.replicas")).isEqualTo(3));
                assertThat(kind(objects, "Cluster"))
                        .singleElement()
                        .satisfies(cluster ->
                                assertThat(get(cluster, "spec.instances")).isEqualTo(3));
            }
        }

        @Test
        void importsTheDemoRealmOnlyInDev() {
            var production = Manifests.render(Manifests.root().resolve("k8s/overlays/production"));
            var keycloak = kind(production, "Deployment").stream()
                    .filter(deployment -> name(deployment).equals("keycloak"))
                    .findFirst()
                    .orElseThrow();
            assertThat(listAt(
                            map(listAt(at(keycloak, "spec.template.spec"), "containers")
                                    .getFirst()),
                            "args"))
                    .doesNotContain("--import-realm");
            assertThat(kind(production, "ConfigMap"))
                    .noneSatisfy(configMap ->
                            assertThat(String.valueOf(configMap.get("data"))).contains("amends-cli"));

            var dev = Manifests.render(Manifests.root().resolve("k8s/overlays/dev"));
            assertThat(kind(dev, "ConfigMap"))
                    .anySatisfy(configMap -> assertThat(name(configMap)).startsWith("amends-realm"));
        }
    }

    @Nested
    class TheJavaRenderingOfAnOverlay {

        private final List<Map<String, Object>> dev =
                Manifests.render(Manifests.root().resolve("k8s/overlays/dev"));
        private final List<Map<String, Object>> production =
                Manifests.render(Manifests.root().resolve("k8s/overlays/production"));

        @Test
        void setsTheOverlaysNamespaceAndImages() {
            assertThat(production)
                    .filteredOn(object -> !"Namespace".equals(object.get("kind")))
                    .allSatisfy(object -> assertThat(get(object, "metadata.namespace"))
                            .as(name(object))
                            .isEqualTo("amends"));
            var gatewayImage = listAt(Manifests.file("k8s/overlays/production/kustomization.yaml"), "images").stream()
                    .map(Manifests::map)
                    .filter(image -> "amends/gateway".equals(image.get("name")))
                    .findFirst()
                    .orElseThrow();
            assertThat(String.valueOf(
                            container(one(production, "Deployment", "gateway")).get("image")))
                    .isEqualTo(gatewayImage.get("newName") + ":" + gatewayImage.get("newTag"))
                    .doesNotStartWith("amends/");
            assertThat(container(one(dev, "Deployment", "gateway")).get("image"))
                    .isEqualTo("amends/gateway:0.1.0");
            assertThat(container(one(dev, "Deployment", "keycloak")).get("image"))
                    .as("an image the overlay does not name")
                    .isEqualTo("quay.io/keycloak/keycloak:26.7.3");
        }

        @Test
        void mergesAStrategicPatchIntoTheObjectAndTheContainersOfTheSameName() {
            var gateway = container(one(dev, "Deployment", "gateway"));
            assertThat(get(gateway, "resources.requests.cpu"))
                    .as("from the patch")
                    .isEqualTo("100m");
            assertThat(get(gateway, "resources.limits.memory"))
                    .as("kept from the base")
                    .isEqualTo("768Mi");

            var keycloak = container(one(dev, "Deployment", "keycloak"));
            assertThat(listAt(keycloak, "env"))
                    .extracting(variable -> map(variable).get("name"))
                    .startsWith("KC_HOSTNAME", "KC_CACHE")
                    .contains("KC_DB_URL")
                    .doesNotHaveDuplicates();
            assertThat(listAt(keycloak, "env"))
                    .contains(Map.of("name", "KC_HOSTNAME", "value", "http://auth.localtest.me"));
            assertThat(get(one(production, "Cluster", "amends-postgres"), "spec.storage.size"))
                    .isEqualTo("100Gi");
        }

        @Test
        void appliesAJsonPatchToEveryObjectItsTargetNamesAndToNoOther() {
            assertThat(get(one(production, "PodDisruptionBudget", "gateway"), "spec.minAvailable"))
                    .isEqualTo(2);
            assertThat(get(one(production, "PodDisruptionBudget", "case-service"), "spec.minAvailable"))
                    .isEqualTo(2);
            assertThat(at(one(production, "PodDisruptionBudget", "remedy-service"), "spec"))
                    .doesNotContainKey("minAvailable");
            assertThat(get(one(dev, "HorizontalPodAutoscaler", "case-service"), "spec.minReplicas"))
                    .isEqualTo(1);
            var ingress = one(production, "Ingress", "amends");
            assertThat(at(ingress, "metadata.annotations"))
                    .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
                    .containsKey("nginx.ingress.kubernetes.io/proxy-body-size");
            assertThat(listAt(ingress, "spec.tls")).hasSize(1);
        }

        @Test
        void generatesTheConfigMapsAndLabelsOfTheIncludedKustomizations() {
            assertThat(String.valueOf(get(one(dev, "ConfigMap", "amends-grafana-dashboards"), "data")))
                    .contains("service-recovery.json");
            assertThat(at(one(production, "Deployment", "case-service"), "spec.template.metadata.labels"))
                    .containsEntry("app.kubernetes.io/part-of", "amends");
            assertThat(at(one(production, "ConfigMap", "amends-prometheus-rules"), "metadata.labels"))
                    .containsEntry("app.kubernetes.io/part-of", "amends")
                    .containsEntry("prometheus_rule", "1");
        }

        @Test
        void refusesAKustomizationItCannotRenderFaithfully(@TempDir Path directory) throws IOException {
            Files.writeString(directory.resolve("kustomization.yaml"), """
                    resources: [deployment.yaml]
                    replicas:
                      - name: web
                        count: 3
                    """);
            Files.writeString(directory.resolve("deployment.yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    """);

            assertThatIllegalStateException()
                    .isThrownBy(() -> Manifests.render(directory))
                    .withMessageContaining("`replicas`");
        }

        @Test
        void refusesAPatchThatPatchesNothing(@TempDir Path directory) throws IOException {
            Files.writeString(directory.resolve("kustomization.yaml"), """
                    resources: [deployment.yaml]
                    patches:
                      - target:
                          kind: Deployment
                          name: wbe
                        patch: |-
                          - op: add
                            path: /spec/replicas
                            value: 3
                    """);
            Files.writeString(directory.resolve("deployment.yaml"), """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                    """);

            assertThatIllegalStateException()
                    .isThrownBy(() -> Manifests.render(directory))
                    .withMessageContaining("matches no object");
        }

        private static Map<String, Object> one(List<Map<String, Object>> objects, String kind, String name) {
            var matching = kind(objects, kind).stream()
                    .filter(object -> name(object).equals(name))
                    .toList();
            assertThat(matching).as("%s %s", kind, name).hasSize(1);
            return matching.getFirst();
        }

        private static Map<String, Object> container(Map<String, Object> workload) {
            return map(listAt(at(workload, "spec.template.spec"), "containers").getFirst());
        }
    }

    private static boolean runsAsNonRoot(Map<String, Object> pod, Map<String, Object> container) {
        var containerSetting = get(container, "securityContext.runAsNonRoot");
        return Boolean.TRUE.equals(
                containerSetting != null ? containerSetting : get(pod, "securityContext.runAsNonRoot"));
    }

    private static List<Map<String, Object>> kind(List<Map<String, Object>> objects, String kind) {
        return objects.stream()
                .filter(object -> kind.equals(object.get("kind")))
                .toList();
    }

    private static List<Map<String, Object>> amendsServices(List<Map<String, Object>> objects) {
        return kind(objects, "Deployment").stream()
                .filter(deployment -> SERVICES.contains(name(deployment)))
                .toList();
    }
}
