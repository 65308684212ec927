package org.l1embed.training.quantize.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;

class PrecisionConfigTest {

    @Test
    void parsesDefaultsInputAndLayerTypes() {
        PrecisionConfig c = PrecisionConfig.parse("""
                {"default": {"width": 10, "marginBits": 1, "constantRounding": "AP_TRN", "dataRounding": "RND", "overflow": "AP_WRAP"},
                 "input": "ap_fixed<12,4,AP_RND_CONV,AP_SAT>",
                 "layers": {"dense0": {"weight": "ap_fixed<8,2,AP_RND_CONV,AP_SAT>", "accumulator": "ap_fixed<24,10>"}}}
                """);
        assertEquals(new PrecisionConfig(10, null, 1, Rounding.TRN, Rounding.RND, Overflow.WRAP,
                FixedType.parse("ap_fixed<12,4,AP_RND_CONV,AP_SAT>"),
                Map.of("dense0", Map.of("weight", FixedType.parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"),
                        "accumulator", FixedType.parse("ap_fixed<24,10>")))), c);
    }

    @Test
    void anEmptyObjectIsTheDefault() {
        PrecisionConfig c = PrecisionConfig.parse("{}");
        assertEquals(PrecisionConfig.defaults(8), c);
        assertEquals(Rounding.RND_CONV, c.dataRounding());
        assertEquals(Overflow.SAT, c.overflow());
        assertNull(c.inputType());
    }

    @Test
    void namesTheBadTypeString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse(
                "{\"layers\": {\"dense0\": {\"bias\": \"ap_fixed<8>\"}}}"));
        assertTrue(e.getMessage().startsWith("layers.dense0.bias: bad fixed-point type 'ap_fixed<8>'"), e.getMessage());
    }

    @Test
    void namesAnImpossibleType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse(
                "{\"layers\": {\"dense0\": {\"weight\": \"ap_fixed<0,2>\"}}}"));
        assertTrue(e.getMessage().startsWith("layers.dense0.weight: bad fixed-point type 'ap_fixed<0,2>'"), e.getMessage());
    }

    @Test
    void namesBadDefaults() {
        assertEquals("unknown field default.bits; expected one of [constantRounding, constantWidth, dataRounding, marginBits, overflow, width]",
                assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse("{\"default\": {\"bits\": 8}}")).getMessage());
        assertEquals("default.width must be in 1..32, got width=40",
                assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse("{\"default\": {\"width\": 40}}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse("{\"default\": {\"overflow\": \"CLAMP\"}}"))
                .getMessage().startsWith("default.overflow: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse("{\"layers\": [1]}"))
                .getMessage().startsWith("layers must be an object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.parse("{\"layers\": "))
                .getMessage().startsWith("precision config is not valid JSON"));
    }

    @Test
    void readsAConstantWidthAndRefusesABadOne() {
        assertEquals(Integer.valueOf(6), PrecisionConfig.parse("{\"default\": {\"width\": 10, \"constantWidth\": 6}}").constantWidth());
        assertEquals(6, PrecisionConfig.parse("{\"default\": {\"width\": 10, \"constantWidth\": 6}}").effectiveConstantWidth());
        assertEquals(10, PrecisionConfig.parse("{\"default\": {\"width\": 10}}").effectiveConstantWidth());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PrecisionConfig.parse("{\"default\": {\"constantWidth\": 40}}"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("constantWidth=40"), e.getMessage());
    }
}
