package io.wework.identity.command;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.snapshots.*}.
 *
 * @param userThreshold events between two snapshots of a User; a User is loaded from its latest snapshot plus the events after it
 */
@Validated
@ConfigurationProperties("wework.snapshots")
public record SnapshotSettings(@DefaultValue("100") @Positive int userThreshold) {
}
