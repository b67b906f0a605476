package io.wework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/security.md, "Smaller holes": what {@code docker-compose.yml}, its Axon Server override
 * {@code docker-compose.axonserver.yml} and {@code axon-server/axonserver.properties} ship. No Docker
 * engine runs here, so the files themselves are read: Axon Server has access control on, its admin
 * (8024) and gRPC (8124) ports reach no host interface, every token comes from the environment and is
 * required; the service gets the SMS gateway's settings and never the log sender's switch; the JWT
 * secret is required, with how to make one.
 */
class DeploymentFilesTest {

    private static final Path ROOT = projectRoot();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) {
        try (Reader in = Files.newBufferedReader(ROOT.resolve(file))) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.getOrDefault("environment", Map.of());
    }

    @Test
    void axonServerRunsWithAccessControlAndItsTokensFromTheEnvironment() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("axon-server/axonserver.properties"))) {
            props.load(in);
        }
        assertThat(props.getProperty("axoniq.axonserver.accesscontrol.enabled")).isEqualTo("true");
        assertThat(props.getProperty("axoniq.axonserver.devmode.enabled")).isEqualTo("false");
        assertThat(props.stringPropertyNames()).as("no token is written in a file kept in git")
                .noneMatch(name -> name.endsWith("token") && !props.getProperty(name).isBlank());

        Map<String, Object> override = yaml("docker-compose.axonserver.yml");
        Map<String, String> axonServer = environment(service(override, "axonserver"));
        assertThat(axonServer.get("AXONIQ_AXONSERVER_ACCESSCONTROL_INTERNALTOKEN"))
                .as("the internal token is required from the environment").startsWith("${AXONSERVER_INTERNAL_TOKEN:?");
        Map<String, String> wework = environment(service(override, "wework"));
        assertThat(wework.get("AXON_AXONSERVER_TOKEN"))
                .as("the service's token is required from the environment").startsWith("${AXONSERVER_TOKEN:?");
        assertThat(wework).containsEntry("SPRING_PROFILES_ACTIVE", "axonserver");
    }

    @Test
    void noAdminOrMessagingPortOfAxonServerIsPublished() {
        for (String file : List.of("docker-compose.yml", "docker-compose.axonserver.yml")) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) yaml(file).get("services");
            services.forEach((name, service) -> {
                List<?> ports = (List<?>) service.getOrDefault("ports", List.of());
                assertThat(ports).as("%s: %s publishes", file, name)
                        .noneMatch(p -> String.valueOf(p).contains("8024") || String.valueOf(p).contains("8124"));
            });
        }
        assertThat(yaml("docker-compose.yml").toString()).doesNotContain("axonserver:");
    }

    @Test
    void theServiceGetsTheSmsGatewayAndNeverTheLogSender() {
        Map<String, String> env = environment(service(yaml("docker-compose.yml"), "wework"));
        assertThat(env).containsKeys("WECAN_REST_URL", "WECAN_TOKEN", "WECAN_FROM_NUMBER", "WECAN_OTP_TEMPLATE_ID");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("WEWORK_SMS"));
        assertThat(env.values()).noneMatch(v -> String.valueOf(v).toLowerCase().contains("log"));
        assertThat(env.get("JWT_SECRET_KEY")).startsWith("${JWT_SECRET_KEY:?").contains("openssl rand -base64 32");
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("app"))) {
                return dir;
            }
        }
        throw new UncheckedIOException(new IOException("docker-compose.yml not found above " + Path.of("").toAbsolutePath()));
    }
}
