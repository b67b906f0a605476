package io.wework;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * All of WeWork in one process: command side, projections, query side. Every settings record
 * ({@code @ConfigurationProperties}) of every module is found by the scan, as components are.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class WeWorkApplication {

    public static void main(String[] args) {
        disableAxonUpdateChecker();
        SpringApplication.run(WeWorkApplication.class, args);
    }

    /** Axon's update checker phones home; it reads only a system property or an environment variable. */
    public static void disableAxonUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
