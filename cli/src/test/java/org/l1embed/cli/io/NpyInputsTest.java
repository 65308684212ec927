package org.l1embed.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyInputsTest {

    @TempDir
    Path dir;

    @Test
    void readsFloat32InCOrder() throws IOException {
        Path f = NpyTestFiles.float32(dir.resolve("x.npy"), "(2, 3)", 1f, 2f, 3f, 4f, 5f, -6.5f);
        InputMatrix m = NpyInputs.read(f, 3);
        assertEquals(2, m.events());
        assertEquals(-6.5f, m.get(1, 2));
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, -6.5f}, m.values());
    }

    @Test
    void readsFloat64RoundingEachValueToTheNearestFloat() throws IOException {
        for (int major = 1; major <= 3; major++) {
            Path f = NpyTestFiles.float64(dir.resolve("x" + major + ".npy"), major, "(1, 3)", 0.1, 1.0 + 0x1p-30, -2.0);
            assertArrayEquals(new float[] {(float) 0.1, 1f, -2f}, NpyInputs.read(f, 3).values(), "version " + major);
        }
    }

    @Test
    void readsAOneDimensionalArrayAsOneEvent() throws IOException {
        Path f = NpyTestFiles.float32(dir.resolve("x.npy"), "(3,)", 1f, 2f, 3f);
        InputMatrix m = NpyInputs.read(f, 3);
        assertEquals(1, m.events());
    }

    @Test
    void acceptsKeysInAnyOrderDoubleQuotesAndPython2Integers() throws IOException {
        byte[] data = new byte[8];
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{\"shape\": (1L, 2L), \"fortran_order\": False, \"descr\": \"<f4\"}", data);
        assertArrayEquals(new float[] {0f, 0f}, NpyInputs.read(f, 2).values());
    }

    @Test
    void readsMoreDataThanOneChunk() throws IOException {
        int n = 300_000;
        float[] values = new float[n * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Path f = NpyTestFiles.float32(dir.resolve("x.npy"), "(" + n + ", 2)", values);
        InputMatrix m = NpyInputs.read(f, 2);
        assertEquals(n, m.events());
        assertEquals(values.length - 1f, m.get(n - 1, 1));
    }

    @Test
    void rejectsFilesThatAreNotNpy() throws IOException {
        Path f = Files.writeString(dir.resolve("x.npy"), "1,2,3\n4,5,6\n");
        assertMessage(f, 3, f + ": not a .npy file (it does not start with \\x93NUMPY)");
    }

    @Test
    void rejectsUnknownFormatVersions() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", new byte[4]);
        assertMessage(f, 1, f + ": .npy format version 4.0 is not supported; expected 1.0, 2.0 or 3.0");
    }

    @Test
    void rejectsOtherDtypes() throws IOException {
        for (String descr : new String[] {"<f2", ">f8", "<i8", "|u1", "<c8"}) {
            Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1, 1), }",
                    new byte[8]);
            assertMessage(f, 1, f + ": header field 'descr' is '" + descr
                    + "'; expected '<f4' (little-endian float32) or '<f8' (little-endian float64)");
        }
    }

    @Test
    void rejectsFortranOrder() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16]);
        assertMessage(f, 2, f + ": header field 'fortran_order' is True; only C-order arrays are supported "
                + "(save numpy.ascontiguousarray(x) instead)");
    }

    @Test
    void rejectsShapesThatDoNotMatchTheInputSize() throws IOException {
        for (String shape : new String[] {"(2, 3)", "(3,)", "(2, 2, 2)", "()"}) {
            Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }",
                    new byte[0]);
            assertMessage(f, 2, f + ": header field 'shape' is " + shape
                    + "; expected (N, 2) or (2,): 2 values per event (the network's input size)");
        }
    }

    @Test
    void rejectsZeroEvents() throws IOException {
        Path f = NpyTestFiles.float32(dir.resolve("x.npy"), "(0, 2)");
        assertMessage(f, 2, f + ": no events (header field 'shape' is (0, 2))");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", new byte[12]);
        assertMessage(f, 2, f + ": the header (shape (1, 2), dtype '<f4') needs 8 bytes of data, the file has 12");
    }

    @Test
    void rejectsMissingOrExtraHeaderKeys() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'shape': (1, 2), }", new byte[8]);
        assertMessage(f, 2, f + ": the .npy header must have exactly the keys 'descr', 'fortran_order' and 'shape', got ['descr', 'shape']");
    }

    @Test
    void rejectsAMalformedHeaderNamingThePosition() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2}", new byte[8]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyInputs.read(f, 2));
        assertTrue(e.getMessage().startsWith(f + ": cannot parse the .npy header"), e.getMessage());
        assertTrue(e.getMessage().contains("expected ',' or ')' in a tuple at character"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteValuesNamingTheElement() throws IOException {
        Path f = NpyTestFiles.float64(dir.resolve("x.npy"), 1, "(2, 2)", 1, 2, 3, Double.NEGATIVE_INFINITY);
        assertMessage(f, 2, f + ": element [1, 1] (event 1, feature 1) is -Infinity; inputs must be finite");
    }

    @Test
    void rejectsFloat64ValuesOutsideTheFloatRange() throws IOException {
        Path f = NpyTestFiles.float64(dir.resolve("x.npy"), 1, "(1, 2)", 1, 1e300);
        assertMessage(f, 2, f + ": element [0, 1] (event 0, feature 1) is 1.0E300, outside the float32 range (|x| <= 3.4028235E38)");
    }

    private static void assertMessage(Path f, int features, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyInputs.read(f, features));
        assertEquals(expected, e.getMessage());
    }
}
