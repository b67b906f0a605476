package io.wework.identity.api;

import java.util.List;

/** {@code {total, items}}. */
public record UserPage(long total, List<AdminUserView> items) {
}
