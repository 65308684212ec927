package org.l1embed.training.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphVariablesTest {

    @Test
    void readsInitialValuesInTheOrderAddedAndWritesThemBackBitForBit() {
        try (GraphSession graph = new GraphSession()) {
            GraphVariables variables = new GraphVariables(graph.ops());
            float[] kernel = {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -3.25f, 7f};
            variables.add("block/kernel", VariableRole.KERNEL, new long[] {2, 3}, kernel);
            variables.add("block/bias", VariableRole.BIAS, new long[] {3}, new float[] {0f, 1f, 2f});
            variables.add("block/running_mean", VariableRole.RUNNING_MEAN, new long[] {3}, new float[3]);
            graph.open(true);

            assertEquals(List.of("block/kernel", "block/bias", "block/running_mean"), variables.names());
            assertEquals(List.of("block/kernel", "block/bias"), variables.trainable().stream().map(GraphVariable::name).toList());
            Map<String, float[]> read = variables.read(graph.session());
            assertEquals(variables.names(), List.copyOf(read.keySet()));
            assertArrayEquals(bits(kernel), bits(read.get("block/kernel")));

            Map<String, float[]> next = new LinkedHashMap<>();
            next.put("block/running_mean", new float[] {Float.NaN, Float.intBitsToFloat(0x7fc00001), -0f});
            next.put("block/kernel", new float[] {6f, 5f, 4f, 3f, 2f, 1f});
            next.put("block/bias", new float[] {-1f, Float.POSITIVE_INFINITY, 1e-40f});
            variables.write(graph.session(), next);
            Map<String, float[]> back = variables.read(graph.session());
            for (String name : variables.names()) {
                assertArrayEquals(bits(next.get(name)), bits(back.get(name)), name);
            }
        }
    }

    @Test
    void namesTheVariableInEveryRejection() {
        try (GraphSession graph = new GraphSession()) {
            GraphVariables variables = new GraphVariables(graph.ops());
            variables.add("a/kernel", VariableRole.KERNEL, new long[] {2, 2}, new float[4]);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> variables.add("a/kernel", VariableRole.KERNEL, new long[] {2, 2}, new float[4]))
                    .getMessage().contains("'a/kernel' is already defined"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> variables.add("a/bias", VariableRole.BIAS, new long[] {2}, new float[3]))
                    .getMessage().contains("'a/bias' needs 2 initial values (shape [2]), got 3"));
            graph.open(true);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> variables.get("nonsense"))
                    .getMessage().contains("unknown variable 'nonsense'; known: [a/kernel]"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> variables.write(graph.session(), Map.of()))
                    .getMessage().contains("'a/kernel' is missing"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> variables.write(graph.session(), Map.of("a/kernel", new float[5])))
                    .getMessage().contains("'a/kernel' needs 4 values (shape [2, 2]), got 5"));
        }
    }

    static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
