package org.l1embed.training.data.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.SplitMix64;
import org.l1embed.events.synthetic.SyntheticEvents;

/**
 * Files written independently by h5py (Debian's python3-h5py, run as {@code /usr/bin/python3}) must read back
 * exactly, and h5py must read l1embed's files exactly. Without python3 and h5py these tests fail: CI installs
 * them ({@code .ci/run}).
 */
class H5pyInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int N = 2500;

    @TempDir
    static Path dir;

    private static EventSet events;

    @BeforeAll
    static void writeFilesWithH5py() throws Exception {
        requireH5py();
        // Mixed processes with their labels, and weights, in a fixed order.
        SyntheticEvents g = new SyntheticEvents(314);
        List<EventSet> parts = new ArrayList<>();
        for (Process p : Process.values()) {
            parts.add(g.generate(p, N / 8 + (p.label() < N % 8 ? 1 : 0)));
        }
        EventSet mixed = EventSet.concat(parts);
        float[] w = new float[mixed.size()];
        SplitMix64 r = new SplitMix64(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextDouble();
        }
        events = EventSet.of(mixed.particles(), mixed.labels(), w);
        assertEquals(N, events.size());

        ByteBuffer p = ByteBuffer.allocate(N * 76 * 4).order(ByteOrder.LITTLE_ENDIAN);
        p.asFloatBuffer().put(events.particles());
        Files.write(dir.resolve("particles.bin"), p.array());
        ByteBuffer l = ByteBuffer.allocate(N * 8).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer wb = ByteBuffer.allocate(N * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < N; i++) {
            l.putLong(events.label(i));
            wb.putDouble(events.weights()[i]);
        }
        Files.write(dir.resolve("labels.bin"), l.array());
        Files.write(dir.resolve("weights.bin"), wb.array());
        Hdf5EventWriter.write(dir.resolve("ours_contiguous.h5"), events, Hdf5Storage.contiguous());
        Hdf5EventWriter.write(dir.resolve("ours_chunked.h5"), events, new Hdf5Storage.Chunked(700, 6));

        Path script = dir.resolve("h5py_interop.py");
        try (InputStream in = H5pyInteropTest.class.getResourceAsStream("/data/h5py_interop.py")) {
            Files.copy(in, script);
        }
        java.lang.Process python = new ProcessBuilder(PYTHON, script.toString(), dir.toString(), Integer.toString(N))
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "h5py script timed out");
        assertEquals(0, python.exitValue(), "h5py script failed:\n" + output);
    }

    private static void requireH5py() throws InterruptedException {
        String problem;
        try {
            java.lang.Process check = new ProcessBuilder(PYTHON, "-c", "import h5py, numpy").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = check.waitFor() == 0 ? null : output.strip();
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            fail(PYTHON + " with h5py and numpy is required for the cross-tool HDF5 tests (Debian: apt-get install "
                    + "python3-h5py python3-numpy; CI installs them in .ci/run): " + problem);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"contiguous.h5", "chunked_gzip.h5", "auto_chunks.h5", "odd_chunks_lzf.h5", "big_endian_userblock.h5"})
    void readsFilesWrittenByH5pyExactly(String name) throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve(name))) {
            assertEquals(N, r.size());
            assertTrue(r.hasLabels());
            EventSet all = r.readAll();
            assertArrayEquals(bits(events.particles()), bits(all.particles()), name);
            assertArrayEquals(events.labels(), all.labels(), name);
            if (r.hasWeights()) {
                assertArrayEquals(events.weights(), all.weights(), name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"contiguous.h5", "chunked_gzip.h5", "auto_chunks.h5", "odd_chunks_lzf.h5"})
    void streamingInSmallBlocksEqualsReadingWhole(String name) throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve(name))) {
            List<EventSet> blocks = new ArrayList<>();
            for (Iterator<EventSet> it = r.blocks(97); it.hasNext(); ) {
                EventSet b = it.next();
                assertTrue(b.size() == 97 || !it.hasNext());
                blocks.add(b);
            }
            assertEquals((N + 96) / 97, blocks.size());
            EventSet joined = EventSet.concat(blocks);
            assertArrayEquals(bits(events.particles()), bits(joined.particles()));
            assertArrayEquals(events.labels(), joined.labels());
        }
    }

    @Test
    void readsWeightsStoredAsFloat64OrFloat32() throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve("chunked_gzip.h5"))) {
            assertArrayEquals(events.weights(), r.readAll().weights());
        }
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve("odd_chunks_lzf.h5"))) {
            assertArrayEquals(events.weights(), r.read(0, N).weights());
        }
    }

    @Test
    void readsCompactStorage() throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve("compact.h5"))) {
            assertEquals(100, r.size());
            EventSet some = r.read(10, 50);
            assertArrayEquals(bits(events.slice(10, 60).particles()), bits(some.particles()));
            assertArrayEquals(events.slice(10, 60).labels(), some.labels());
        }
    }

    @Test
    void fileWithoutLabelsTakesTheGivenProcessOrIsRefused() throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(dir.resolve("no_labels.h5"), Process.Z)) {
            assertFalse(r.hasLabels());
            EventSet all = r.readAll();
            assertArrayEquals(bits(events.particles()), bits(all.particles()));
            assertTrue(java.util.Arrays.stream(all.labels()).allMatch(l -> l == Process.Z.label()));
            assertNull(all.weights());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5EventReader.open(dir.resolve("no_labels.h5")));
        assertTrue(e.getMessage().contains("no_labels.h5: no 'Labels' dataset and no process given"), e.getMessage());
    }

    @Test
    void fileWithZeroEventsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5EventReader.open(dir.resolve("empty.h5"), Process.W));
        assertEquals(dir.resolve("empty.h5") + ": dataset 'Particles' holds 0 events", e.getMessage());
    }

    @Test
    void h5pyReadsOurFilesExactly() throws IOException {
        byte[] expected = Files.readAllBytes(dir.resolve("particles.bin"));
        byte[] labels = Files.readAllBytes(dir.resolve("labels.bin"));
        for (String name : List.of("ours_contiguous", "ours_chunked")) {
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve(name + ".particles.bin")), name);
            assertArrayEquals(labels, Files.readAllBytes(dir.resolve(name + ".labels.bin")), name);
            List<String> lines = Files.readAllLines(dir.resolve(name + ".names.txt"));
            assertEquals("Pt,Eta,Phi,Class", lines.get(0));
            assertEquals("MET_class_1,Four_Ele_class_2,Four_Mu_class_3,Ten_Jet_class_4", lines.get(1));
        }
        assertEquals("chunks=None compression=None", Files.readAllLines(dir.resolve("ours_contiguous.names.txt")).get(2));
        assertEquals("chunks=(700, 19, 4) compression=gzip", Files.readAllLines(dir.resolve("ours_chunked.names.txt")).get(2));
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
