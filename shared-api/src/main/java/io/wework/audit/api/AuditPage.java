package io.wework.audit.api;

import java.util.List;

/** {@code {total, items}}. */
public record AuditPage(long total, List<AuditEntryView> items) {
}
