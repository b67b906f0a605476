package io.wework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.platform.embedded.EmbeddedServersStarter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.unit.DataSize;

/**
 * README's "Configuration" table against the configuration metadata that the annotation processor
 * generates from the settings records ({@code META-INF/spring-configuration-metadata.json} of every
 * module on the classpath):
 * <ul>
 *   <li>every {@code wework.*} setting has a row, and only one;</li>
 *   <li>every property a row names exists: {@code wework.*} ones in WeWork's metadata, others
 *       ({@code spring.*}, {@code server.*}, {@code axon.*}) in the metadata Spring Boot and Axon ship;</li>
 *   <li>a {@code wework.*} row's default is the record's (units normalised: {@code 300s} = {@code 5m});
 *       a setting without a default may not be given one;</li>
 *   <li>an env name given for a {@code wework.*} property, set as an environment variable, reaches it.</li>
 * </ul>
 * The checks themselves are tested on doctored copies of the README.
 */
class SettingsDocumentedTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
    private static final String PROBE = "probe-value-4711";

    private static Map<String, JsonNode> metadata;
    private static String readme;

    @BeforeAll
    static void load() throws IOException {
        metadata = metadata();
        readme = Files.readString(readmePath());
    }

    @Test
    void theReadmeTableMatchesTheSettingsRecords() {
        assertThat(problems(readme)).isEmpty();
    }

    @Test
    void theMetadataHoldsTheRecordsDefaultsAndDescriptions() {
        // the generated metadata is what the other test trusts: make sure it is there and complete
        JsonNode perAddress = metadata.get("wework.security.login.max-failures-per-address");
        assertThat(perAddress).isNotNull();
        assertThat(perAddress.get("defaultValue").asInt()).isEqualTo(30);
        assertThat(perAddress.get("description").asText()).isNotBlank();
        assertThat(metadata.get("wework.otp.ttl").get("defaultValue").asText()).isEqualTo("300s");
        assertThat(wework()).hasSizeGreaterThan(30);
    }

    @Test
    void aSettingWithoutARowIsReported() {
        String doctored = withoutLine(readme, "| | `wework.otp.max-attempts` |");
        assertThat(problems(doctored)).containsExactly("wework.otp.max-attempts has no row in README's configuration table");
    }

    @Test
    void aRowForASettingThatDoesNotExistIsReported() {
        String doctored = readme.replace("| | `wework.otp.max-attempts` |", "| | `wework.otp.max-tries` |");
        assertThat(problems(doctored)).containsExactlyInAnyOrder(
                "wework.otp.max-attempts has no row in README's configuration table",
                "README names wework.otp.max-tries, which no settings record declares");
        assertThat(problems(readme.replace("`spring.datasource.url` (+", "`spring.datasource.uri` (+")))
                .containsExactly("README names spring.datasource.uri, which no configuration metadata on the classpath declares");
    }

    @Test
    void aDefaultThatDiffersIsReportedAndUnitsAreNormalised() {
        String perAddress = "| | `wework.security.login.max-failures-per-address` | `";
        assertThat(problems(readme.replace(perAddress + "30`", perAddress + "20`"))).containsExactly(
                "wework.security.login.max-failures-per-address: README says default `20`, the settings record says `30`");
        assertThat(problems(readme.replace("| | `wework.otp.ttl` | `300s` |", "| | `wework.otp.ttl` | `5m` |"))).isEmpty();
        assertThat(problems(readme.replace("| | `wework.otp.ttl` | `300s` |", "| | `wework.otp.ttl` | `6m` |")))
                .containsExactly("wework.otp.ttl: README says default `6m`, the settings record says `300s`");
        assertThat(problems(readme.replace("| | `wework.http.max-body-size` | `1MB` |", "| | `wework.http.max-body-size` | `1024KB` |")))
                .isEmpty();
        assertThat(problems(readme.replace("| `WECAN_TOKEN` | `wework.sms.wecan.token` | – |",
                "| `WECAN_TOKEN` | `wework.sms.wecan.token` | `t0ken` |")))
                .containsExactly("wework.sms.wecan.token: README says default `t0ken`, the settings record has none");
    }

    @Test
    void aNumberTheProseTiesToASettingIsItsDefault() {
        // the endpoints table once said 20 failed logins per address while the setting's default was 30
        assertThat(proseProblems(readme)).isEmpty();
        String doctored = readme.replace("30 (`…max-failures-per-address`)", "20 (`…max-failures-per-address`)");
        assertThat(doctored).isNotEqualTo(readme);
        assertThat(proseProblems(doctored)).containsExactly(
                "README says 20 (`…max-failures-per-address`), the default of wework.security.login.max-failures-per-address is 30");
        assertThat(proseProblems("5 (`…max-tries`)")).containsExactly("README's `…max-tries` names no single wework.* setting");
    }

    @Test
    void anEnvNameThatDoesNotReachItsPropertyIsReported() {
        assertThat(problems(readme.replace("| `WEWORK_ENCRYPTION_KEY` |", "| `WEWORK_CRYPTO_KEY` |")))
                .containsExactly("WEWORK_CRYPTO_KEY, set in the environment, does not reach wework.security.encryption-key");
    }

    // --- the checks ---------------------------------------------------------------------------

    record Row(List<String> envNames, List<String> properties, String defaultCell) {
    }

    static List<String> problems(String readmeText) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> rowsPerSetting = new HashMap<>();
        for (Row row : table(readmeText)) {
            for (String property : row.properties()) {
                if (property.startsWith("wework.")) {
                    rowsPerSetting.merge(property, 1, Integer::sum);
                    if (!metadata.containsKey(property)) {
                        problems.add("README names " + property + ", which no settings record declares");
                    }
                } else if (!metadata.containsKey(property)) {
                    problems.add("README names " + property + ", which no configuration metadata on the classpath declares");
                }
            }
            List<String> ours = row.properties().stream().filter(p -> p.startsWith("wework.") && metadata.containsKey(p)).toList();
            if (ours.size() > 1) {
                problems.add("one row per setting: " + ours);
            } else if (ours.size() == 1) {
                String property = ours.get(0);
                checkDefault(property, row.defaultCell(), problems);
                row.envNames().forEach(env -> checkEnvName(env, property, problems));
            }
        }
        for (String property : wework()) {
            int rows = rowsPerSetting.getOrDefault(property, 0);
            if (rows == 0) {
                problems.add(property + " has no row in README's configuration table");
            } else if (rows > 1) {
                problems.add(property + " has " + rows + " rows in README's configuration table");
            }
        }
        return problems;
    }

    /** A number written with the setting it comes from, as in {@code 30 (`…max-failures-per-address`)}. */
    private static final Pattern PROSE_NUMBER = Pattern.compile("(\\d+) \\(`…([a-z0-9.-]+)`\\)");

    /** Numbers the prose ties to a setting (anywhere in the README) that are not that setting's default. */
    static List<String> proseProblems(String readmeText) {
        List<String> problems = new ArrayList<>();
        Matcher m = PROSE_NUMBER.matcher(readmeText);
        while (m.find()) {
            String suffix = m.group(2);
            List<String> named = wework().stream().filter(p -> p.endsWith("." + suffix))
                    .toList();
            if (named.size() != 1) {
                problems.add("README's `…" + suffix + "` names no single wework.* setting");
                continue;
            }
            JsonNode declared = metadata.get(named.get(0)).get("defaultValue");
            String expected = declared == null ? null : declared.asText();
            if (!m.group(1).equals(expected)) {
                problems.add("README says " + m.group(1) + " (`…" + suffix + "`), the default of " + named.get(0) + " is " + expected);
            }
        }
        return problems;
    }

    /** The rows of the first table under "## Configuration". */
    static List<Row> table(String readmeText) {
        String section = readmeText.substring(readmeText.indexOf("\n## Configuration\n"));
        section = section.substring(0, nextHeading(section));
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|", -1))
                    .map(String::trim).toList();
            if (cells.get(0).equals("env") || cells.get(0).startsWith("---")) {
                continue;
            }
            assertThat(cells).as("a configuration row has 4 cells: %s", line).hasSize(4);
            List<String> properties = codes(cells.get(1)).stream().filter(c -> PROPERTY_NAME.matcher(c).matches()).toList();
            if (properties.isEmpty()) {
                assertThat(cells.get(1)).as("a row without a Spring property says so with –: %s", line).isEqualTo("–");
            }
            List<String> envNames = codes(cells.get(0)).stream().filter(c -> c.matches("[A-Z][A-Z0-9_]*")).toList();
            rows.add(new Row(envNames, properties, cells.get(2)));
        }
        assertThat(rows).as("README's configuration table").isNotEmpty();
        return rows;
    }

    private static int nextHeading(String section) {
        int next = section.indexOf("\n## ", 1);
        return next < 0 ? section.length() : next;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static void checkDefault(String property, String cell, List<String> problems) {
        JsonNode meta = metadata.get(property);
        JsonNode declared = meta.get("defaultValue");
        Matcher literal = Pattern.compile("`([^`]*)`").matcher(cell);
        boolean cellIsOneValue = literal.matches();
        if (declared == null || declared.isNull()) {
            if (cellIsOneValue) {
                problems.add(property + ": README says default `" + literal.group(1) + "`, the settings record has none");
            }
            return;
        }
        String expected = declared.isArray()
                ? StreamSupport.stream(declared.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","))
                : declared.asText();
        if (!cellIsOneValue) {
            problems.add(property + ": README's default should be `" + expected + "`, got: " + cell);
            return;
        }
        String type = meta.path("type").asText();
        if (!Objects.equals(normalise(type, literal.group(1)), normalise(type, expected))) {
            problems.add(property + ": README says default `" + literal.group(1) + "`, the settings record says `" + expected + "`");
        }
    }

    /** A value as the binder would read it, so that {@code 300s} and {@code 5m} are one value. */
    static Object normalise(String type, String value) {
        try {
            return switch (type) {
                case "java.time.Duration" -> DurationStyle.detectAndParse(value);
                case "org.springframework.util.unit.DataSize" -> DataSize.parse(value);
                case "java.lang.Boolean" -> Boolean.valueOf(value.trim().toLowerCase(Locale.ROOT));
                case "java.lang.Integer", "java.lang.Long" -> Long.valueOf(value.replace("_", "").trim());
                default -> type.startsWith("java.util.Set") || type.startsWith("java.util.List")
                        ? new TreeSet<>(Arrays.stream(value.split(",")).map(String::trim).toList())
                        : value;
            };
        } catch (RuntimeException e) {
            return "unreadable as " + type + ": " + value;
        }
    }

    /** The env name, set as an environment variable, reaches the property once WeWork's name mappers ran. */
    private static void checkEnvName(String envName, String property, List<String> problems) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(envName, PROBE)));
        ConfigurationPropertySources.attach(env);
        nameMappers().forEach(p -> p.postProcessEnvironment(env, new SpringApplication()));
        if (!PROBE.equals(env.getProperty(property))) {
            problems.add(envName + ", set in the environment, does not reach " + property);
        }
    }

    /** WeWork's environment post-processors, but the one that starts servers. */
    private static List<EnvironmentPostProcessor> nameMappers() {
        return SpringFactoriesLoader.forDefaultResourceLocation(SettingsDocumentedTest.class.getClassLoader())
                .load(EnvironmentPostProcessor.class, null, (type, name, failure) -> {
                    // Spring Boot's own need constructor arguments; only WeWork's matter here
                }).stream()
                .filter(p -> p.getClass().getName().startsWith("io.wework."))
                .filter(p -> !(p instanceof EmbeddedServersStarter))
                .toList();
    }

    // --- inputs -------------------------------------------------------------------------------

    /** Every property of every configuration metadata file on the classpath, by name. */
    static Map<String, JsonNode> metadata() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (URL url : Collections.list(SettingsDocumentedTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                json.readTree(in).path("properties").forEach(p -> properties.putIfAbsent(p.get("name").asText(), p));
            }
        }
        return properties;
    }

    private static Set<String> wework() {
        return metadata.keySet().stream().filter(name -> name.startsWith("wework.")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path readmePath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("app"))) {
                return dir.resolve("README.md");
            }
        }
        throw new UncheckedIOException(new IOException("README.md of the project not found above " + Path.of("").toAbsolutePath()));
    }

    private static String withoutLine(String text, String startingWith) {
        assertThat(text).contains("\n" + startingWith);
        return Arrays.stream(text.split("\n", -1)).filter(line -> !line.startsWith(startingWith))
                .collect(Collectors.joining("\n"));
    }
}
