package io.wework.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.embedded.EmbeddedSettings;
import io.wework.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** Stateless security: JWT bearer tokens, problem+json 401/403, per-module access rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, SecuritySettings.class, EmbeddedSettings.class})
public class SecurityConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public JwtService jwtService(JwtProperties props, Clock clock, RoleAuthorities roles, EmbeddedSettings embedded) {
        if (!"HS256".equalsIgnoreCase(props.algorithm())) {
            throw new IllegalStateException("JWT_ALGORITHM must be HS256, got " + props.algorithm());
        }
        byte[] secret = JwtSecretResolver.resolve(props.secret(), embedded.active(), embedded.dataPath());
        return new JwtService(secret, props.accessTokenTtl(), props.issuer(), clock, roles);
    }

    /**
     * Encryption at rest and keyed hashes. The key is {@code wework.security.encryption-key} (env
     * {@code WEWORK_ENCRYPTION_KEY}; base64, at least
     * 32 bytes) when given, else derived from the JWT secret (so one secret suffices; rotating the JWT
     * secret then also needs the old key kept as WEWORK_ENCRYPTION_KEY).
     */
    @Bean
    public SecretBox secretBox(JwtProperties props, SecuritySettings settings, EmbeddedSettings embedded) {
        String encryptionKey = settings.encryptionKey();
        if (encryptionKey != null && !encryptionKey.isBlank()) {
            return new SecretBox(java.util.Base64.getDecoder().decode(encryptionKey.trim()));
        }
        return new SecretBox(JwtSecretResolver.resolve(props.secret(), embedded.active(), embedded.dataPath()));
    }

    @Bean
    public PasswordEncoder passwordEncoder(SecuritySettings settings) {
        return new BCryptPasswordEncoder(settings.bcryptStrength());
    }

    @Bean
    public ProblemWriter problemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, JwtService jwtService, ProblemWriter problems,
                                                   ObjectProvider<AuthorizationRules> rules,
                                                   ObjectProvider<AccessTokenGuard> guard,
                                                   SecuritySettings settings)
            throws Exception {
        List<AuthorizationRules> moduleRules = rules.orderedStream().toList();
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(a -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new JwtAuthenticationFilter(jwtService, guard.getIfAvailable(), problems), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            Object why = request.getAttribute(JwtAuthenticationFilter.FAILURE_ATTRIBUTE);
                            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                                    why == null ? "not_authenticated" : "invalid_token",
                                    why == null ? "Not authenticated" : why.toString());
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this")))
                .authorizeHttpRequests(registry -> {
                    // the REQUEST dispatch was authorized; async completions (SSE) and error pages follow it
                    registry.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    registry.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll();
                    moduleRules.forEach(rule -> rule.apply(registry));
                    if (settings.publicMetrics()) {
                        registry.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    registry.requestMatchers("/api/admin/**", "/api/events/**", "/actuator/**")
                            .hasAuthority(RoleAuthorities.ADMIN_ENDPOINTS);
                    registry.anyRequest().authenticated();
                });
        return http.build();
    }
}
