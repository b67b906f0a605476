package io.wework.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Fast answers during a PostgreSQL outage (README, "PostgreSQL outage"). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseOutageSettings.class)
public class DatabaseOutageConfig {

    private static final String POOL = "dataSource";

    /** The probe the fail-fast pool made (a bean, so it starts and stops with the context). */
    @Bean
    DatabaseReachability databaseReachability(DataSource dataSource) {
        try {
            return dataSource.unwrap(FailFastDataSource.class).reachability();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The application's DataSource is not the fail-fast Hikari pool", e);
        }
    }

    /** Replaces Spring Boot's {@code db} contributor (which waits for a pooled connection). */
    @Bean(name = "dbHealthIndicator")
    DatabaseHealthIndicator dbHealthIndicator(DatabaseReachability reachability) {
        return new DatabaseHealthIndicator(reachability);
    }

    @Bean
    static BeanPostProcessor failFastDataSource(ObjectProvider<DatabaseOutageSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (POOL.equals(beanName) && bean instanceof HikariDataSource hikari) {
                    DatabaseOutageSettings outage = settings.getObject();
                    return new FailFastDataSource(hikari, new DatabaseReachability(hikari, outage), outage);
                }
                return bean;
            }
        };
    }
}
