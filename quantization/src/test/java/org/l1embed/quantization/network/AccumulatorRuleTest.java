package org.l1embed.quantization.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.fixed.FixedType;

class AccumulatorRuleTest {

    @Test
    void matchesTheDocumentedExample() {
        FixedType t = FixedType.parse("ap_fixed<16,6>");
        assertEquals(FixedType.parse("ap_fixed<39,19>"), AccumulatorRule.auto(t, t, t, 57));
    }

    @Test
    void holdsTheWorstCaseSumForSmallTypes() {
        // Exhaustive over small types: the largest |b + Σ x·w| fits the auto type without overflow.
        for (int wx = 1; wx <= 5; wx++) {
            for (int ix = -1; ix <= wx + 1; ix++) {
                for (boolean sx : new boolean[] {true, false}) {
                    FixedType x = new FixedType(wx, ix, sx, FixedType.signed(1, 1).rounding(), FixedType.signed(1, 1).overflow());
                    FixedType w = FixedType.signed(4, 1);
                    FixedType b = FixedType.unsigned(3, 2);
                    for (int n : new int[] {1, 2, 3, 4, 5, 57, 64, 65}) {
                        FixedType acc = AccumulatorRule.auto(x, w, b, n);
                        BigDecimal extreme = x.min().abs().max(x.max().abs()).multiply(w.min().abs()).multiply(BigDecimal.valueOf(n))
                                .add(b.max());
                        assertTrue(extreme.compareTo(acc.max()) <= 0 && extreme.negate().compareTo(acc.min()) >= 0,
                                () -> "auto accumulator " + acc + " for x=" + x + ", n=" + n + " cannot hold " + extreme);
                        assertTrue(acc.fractionalBits() >= x.fractionalBits() + w.fractionalBits());
                    }
                }
            }
        }
    }

    @Test
    void ceilLog2IsExactAtPowersOfTwo() {
        assertEquals(0, AccumulatorRule.ceilLog2(1));
        assertEquals(1, AccumulatorRule.ceilLog2(2));
        assertEquals(2, AccumulatorRule.ceilLog2(3));
        assertEquals(6, AccumulatorRule.ceilLog2(57));
        assertEquals(6, AccumulatorRule.ceilLog2(64));
        assertEquals(7, AccumulatorRule.ceilLog2(65));
    }
}
