package io.wework.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The control-character rule ({@link ControlCharacters}) on JSON bodies and on parameters. */
@Configuration(proxyBeanMethods = false)
public class ControlCharacterConfig {

    /** A Jackson module bean: Spring Boot installs it in the API's ObjectMapper only. */
    @Bean
    public ControlCharacterJsonModule controlCharacterJsonModule() {
        return new ControlCharacterJsonModule();
    }

    /** Right after the request id and the body size limit, before security and idempotency read anything. */
    @Bean
    public FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter(ProblemWriter problems) {
        FilterRegistrationBean<ControlCharacterFilter> registration =
                new FilterRegistrationBean<>(new ControlCharacterFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
