package io.wework.platform.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void areVersion7RfcVariantAndTimeOrdered() {
        UUID a = Ids.uuidV7(1_700_000_000_000L);
        UUID b = Ids.uuidV7(1_700_000_000_001L);
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a.toString().compareTo(b.toString())).isNegative();
        assertThat(a.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
    }
}
