package io.wework.common.api;

/** Keys of the metadata every command and event carries. */
public final class MetadataKeys {
    public static final String ACTOR_ID = "actor_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    public static final String CLIENT_IP = "client_ip";
    public static final String REQUEST_ID = "request_id";
    public static final String ANONYMOUS = "anonymous";

    private MetadataKeys() {
    }
}
