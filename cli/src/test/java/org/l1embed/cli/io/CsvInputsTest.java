package org.l1embed.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvInputsTest {

    @TempDir
    Path dir;

    @Test
    void skipsCommentsBlankLinesAndSpacesAroundNumbers() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "# a,b\n\n 1 , -0.5\n   # indented comment\n.25,1e1\n\n");
        InputMatrix m = CsvInputs.read(f, 2);
        assertEquals(2, m.events());
        assertEquals(2, m.features());
        assertArrayEquals(new float[] {1f, -0.5f, 0.25f, 10f}, m.values());
    }

    @Test
    void skipsAUtf8ByteOrderMark() throws IOException {
        Path f = Files.write(dir.resolve("x.csv"), "\uFEFF1,2\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, CsvInputs.read(f, 2).values());
    }

    @Test
    void roundsEachNumberToDoubleThenToFloat() throws IOException {
        // The atof-then-float path: the nearest double, then the nearest float of that double.
        String text = "0.1,16777217,3.4028235e38,1e-46";
        Path f = Files.writeString(dir.resolve("x.csv"), text + "\n");
        float[] v = CsvInputs.read(f, 4).values();
        assertEquals((float) 0.1, v[0]);
        assertEquals(16777216f, v[1]);
        assertEquals(Float.MAX_VALUE, v[2]);
        assertEquals(0f, v[3]);
    }

    @Test
    void readsManyEventsBeyondTheInitialBuffer() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < 3000; e++) {
            sb.append(e).append(',').append(-e).append('\n');
        }
        InputMatrix m = CsvInputs.read(Files.writeString(dir.resolve("x.csv"), sb), 2);
        assertEquals(3000, m.events());
        assertEquals(2999f, m.get(2999, 0));
        assertEquals(-2999f, m.get(2999, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "-inf", "Infinity"})
    void rejectsNonFiniteValuesNamingLineColumnAndValue(String value) throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "1,2\n3," + value + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertEquals(f + ": line 2, column 2: value '" + value + "' is not finite; inputs must be finite numbers", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "1f", "1.2.3", "abc", "1d", "--1"})
    void rejectsTextThatIsNotADecimalNumber(String value) throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), value + ",2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertTrue(e.getMessage().startsWith(f + ": line 1, column 1: '" + value + "' is not a number"), e.getMessage());
    }

    @Test
    void rejectsNumbersOutsideTheFloatRange() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "1,-1e39\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertTrue(e.getMessage().contains("line 1, column 2: value -1e39 is outside the float32 range"), e.getMessage());
    }

    @Test
    void rejectsEmptyFields() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "1,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertEquals(f + ": line 1, column 2: empty value, expected a number", e.getMessage());
    }

    @Test
    void rejectsAHeaderLine() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "pt,eta\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertTrue(e.getMessage().startsWith(f + ": line 1, column 1: 'pt' is not a number"), e.getMessage());
    }

    @Test
    void rejectsLinesWithTheWrongNumberOfValues() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "1,2\n1,2,3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertTrue(e.getMessage().startsWith(f + ": line 2 has 3 values, expected 2"), e.getMessage());
    }

    @Test
    void rejectsAFileWithoutEvents() throws IOException {
        Path f = Files.writeString(dir.resolve("x.csv"), "# only a comment\n\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertEquals(f + ": no events (every line is blank or a '#' comment)", e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotUtf8() throws IOException {
        Path f = Files.write(dir.resolve("x.csv"), new byte[] {'1', ',', (byte) 0xFF, '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvInputs.read(f, 2));
        assertEquals(f + ": not valid UTF-8 text", e.getMessage());
    }
}
