package io.wework.platform.id;

import java.security.SecureRandom;
import java.util.UUID;

/** UUID version 7 (RFC 9562): time-ordered, so B-tree indexes on ids stay append-mostly. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        return uuidV7(System.currentTimeMillis()).toString();
    }

    /** A UUID v7 whose time field is {@code epochMillis}. */
    public static UUID uuidV7At(long epochMillis) {
        return uuidV7(epochMillis);
    }

    /** The time field of a UUID v7, or empty for any other UUID. */
    public static java.util.OptionalLong epochMillisOf(UUID id) {
        return id.version() == 7 ? java.util.OptionalLong.of(id.getMostSignificantBits() >>> 16) : java.util.OptionalLong.empty();
    }

    static UUID uuidV7(long epochMillis) {
        byte[] r = new byte[10];
        RANDOM.nextBytes(r);
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16;
        msb |= 0x7000L;                                  // version 7
        msb |= ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);   // 12 bits rand_a
        long lsb = 0x8000_0000_0000_0000L;               // variant 10
        lsb |= (r[2] & 0x3FL) << 56;
        for (int i = 3; i < 10; i++) {
            lsb |= (r[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }
}
