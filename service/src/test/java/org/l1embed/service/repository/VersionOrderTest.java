package org.l1embed.service.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void ordersNumericSegmentsNumericallyAndOthersByBytes() {
        List<String> sorted = List.of("01", "1", "1.0", "1.2", "1.10", "2", "10", "10.a", "10.b", "a", "b1");
        for (long seed = 0; seed < 20; seed++) {
            List<String> shuffled = new ArrayList<>(sorted);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.sort(VersionOrder.INSTANCE);
            assertEquals(sorted, shuffled);
        }
    }

    @Test
    void isConsistentWithEquals() {
        assertEquals(0, VersionOrder.INSTANCE.compare("1.2", "1.2"));
        assertEquals(true, VersionOrder.INSTANCE.compare("01", "1") != 0);
    }
}
