package org.l1embed.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.fixed.FixedType;

class EmulationCsvTest {

    @Test
    void writesRawThenExactValuesWithFDecimals() throws IOException {
        StringWriter out = new StringWriter();
        // ap_fixed<6,3>: F = 3
        EmulationCsv.writeOutputs(out, FixedType.parse("ap_fixed<6,3>"), new long[] {1, -32, 0, 31}, 2);
        assertEquals("raw_0,raw_1,value_0,value_1\n1,-32,0.125,-4.000\n0,31,0.000,3.875\n", out.toString());
    }

    @Test
    void writesIntegerValuesForTypesWithoutFractionalBits() throws IOException {
        StringWriter out = new StringWriter();
        // ap_fixed<4,6>: F = -2, value = raw * 4
        EmulationCsv.writeOutputs(out, FixedType.parse("ap_fixed<4,6>"), new long[] {-3}, 1);
        assertEquals("raw_0,value_0\n-3,-12\n", out.toString());
    }

    @Test
    void exactValuesOfWideTypesAreNotRoundedThroughDouble() {
        // (2^62 - 1) · 2^-60 has 60 decimals, far more than a double holds
        BigDecimal expected = new BigDecimal(BigInteger.ONE.shiftLeft(62).subtract(BigInteger.ONE))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(60)));
        String text = EmulationCsv.exact(FixedType.parse("ap_fixed<64,4>"), (1L << 62) - 1);
        assertEquals(0, expected.compareTo(new BigDecimal(text)));
        assertEquals(2 + 60, text.length());
    }

    @Test
    void traceFileSitsNextToTheOutput() {
        assertEquals(Path.of("out", "y.trace.csv"), EmulationCsv.tracePathFor(Path.of("out", "y.csv")));
        assertEquals(Path.of("y.trace.csv"), EmulationCsv.tracePathFor(Path.of("y.CSV")));
        assertEquals(Path.of("y.out.trace.csv"), EmulationCsv.tracePathFor(Path.of("y.out")));
    }

    @Test
    void quotesLayerNamesThatHoldCommasOrQuotes() {
        assertEquals("dense1", EmulationCsv.field("dense1"));
        assertEquals("\"a,b\"", EmulationCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", EmulationCsv.field("say \"hi\""));
    }
}
