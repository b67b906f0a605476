package io.wework.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastInstantDeserializerTest {

    private final ObjectMapper storage = AxonInfrastructureConfig.storageObjectMapper();

    record Holder(Instant at) {
    }

    @Test
    void readsEveryStoredShapeAsJacksonDoes() throws Exception {
        for (String text : List.of("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.1Z", "2026-11-26T10:00:00.123Z",
                "2026-11-26T10:00:00.123456Z", "2026-11-26T10:00:00.123456789Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z", "2026-11-26T13:30:00+03:30", "2026-11-26T10:00:00.5+00:00")) {
            Instant expected = java.time.OffsetDateTime.parse(text).toInstant();
            assertThat(storage.readValue("{\"at\":\"" + text + "\"}", Holder.class).at()).as(text).isEqualTo(expected);
        }
        assertThat(storage.readValue("{\"at\":1764151200.5}", Holder.class).at())
                .isEqualTo(Instant.ofEpochSecond(1764151200L, 500_000_000));
    }

    @Test
    void onlyTheCanonicalUtcShapeTakesTheFastPath() {
        assertThat(FastInstantDeserializer.parseUtc("2026-11-26T10:00:00.000000001Z"))
                .isEqualTo(Instant.parse("2026-11-26T10:00:00.000000001Z"));
        assertThat(FastInstantDeserializer.parseUtc("2026-02-30T10:00:00Z")).isNull();
        assertThat(FastInstantDeserializer.parseUtc("2026-11-26T24:00:00Z")).isNull();
        assertThat(FastInstantDeserializer.parseUtc("2026-11-26T10:00:00.Z")).isNull();
        assertThat(FastInstantDeserializer.parseUtc("2026-11-26 10:00:00Z")).isNull();
        assertThat(FastInstantDeserializer.parseUtc("2026-11-26T10:00:00+01:00")).isNull();
    }

    @Test
    void writingIsUnchanged() throws Exception {
        assertThat(storage.writeValueAsString(new Holder(Instant.parse("2026-11-26T10:00:00.123456789Z"))))
                .isEqualTo("{\"at\":\"2026-11-26T10:00:00.123456789Z\"}");
    }
}
