package io.wework.platform.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command and query senders every feature uses, with their timeouts from settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CommandSettings.class, QuerySettings.class})
public class MessagingConfig {

    @Bean
    public CommandSender commandSender(CommandGateway gateway, CommandSettings settings) {
        return new CommandSender(gateway, settings);
    }

    @Bean
    public QuerySender querySender(QueryGateway gateway, QuerySettings settings) {
        return new QuerySender(gateway, settings);
    }
}
