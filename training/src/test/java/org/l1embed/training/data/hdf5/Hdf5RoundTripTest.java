package org.l1embed.training.data.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;

class Hdf5RoundTripTest {

    @TempDir
    Path dir;

    static Stream<Hdf5Storage> storages() {
        return Stream.of(Hdf5Storage.contiguous(), Hdf5Storage.chunked(), new Hdf5Storage.Chunked(1000, 0),
                new Hdf5Storage.Chunked(777, 9));
    }

    private static EventSet sample() {
        SyntheticEvents g = new SyntheticEvents(21);
        return EventSet.concat(g.cocktail(5000, 0.0), g.generate(Process.A_TO_4L, 300), g.generate(Process.HPM_TO_TAU_NU, 300));
    }

    @ParameterizedTest
    @MethodSource("storages")
    void generatorWriterReaderRoundTripIsExact(Hdf5Storage storage) throws IOException {
        EventSet events = sample();
        Path file = dir.resolve("events.h5");
        Hdf5EventWriter.write(file, events, storage);
        try (Hdf5EventReader r = Hdf5EventReader.open(file)) {
            assertEquals(events.size(), r.size());
            assertTrue(r.hasLabels());
            assertFalse(r.hasWeights());
            EventSet back = r.readAll();
            assertArrayEquals(bits(events.particles()), bits(back.particles()));
            assertArrayEquals(events.labels(), back.labels());
        }
    }

    @ParameterizedTest
    @MethodSource("storages")
    void streamingWithASmallBlockSizeEqualsReadingWhole(Hdf5Storage storage) throws IOException {
        EventSet events = sample();
        Path file = dir.resolve("events.h5");
        Hdf5EventWriter.write(file, events, storage);
        try (Hdf5EventReader r = Hdf5EventReader.open(file)) {
            List<EventSet> blocks = new ArrayList<>();
            for (Iterator<EventSet> it = r.blocks(333); it.hasNext(); ) {
                blocks.add(it.next());
            }
            assertEquals((events.size() + 332) / 333, blocks.size());
            EventSet joined = EventSet.concat(blocks);
            assertArrayEquals(bits(r.readAll().particles()), bits(joined.particles()));
            assertArrayEquals(events.labels(), joined.labels());
            // Arbitrary ranges, out of order, across chunk boundaries.
            for (long first : new long[] {4321, 0, 999, 1000, 5599 - 7}) {
                EventSet part = r.read(first, 7);
                assertArrayEquals(bits(events.slice((int) first, (int) first + 7).particles()), bits(part.particles()), "at " + first);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(events.size() - 3, 4));
        }
    }

    @Test
    void weightsAreWrittenAndReadBack() throws IOException {
        EventSet base = new SyntheticEvents(3).generate(Process.Z, 500);
        float[] w = new float[500];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5f + i / 1000f;
        }
        EventSet events = EventSet.of(base.particles(), base.labels(), w);
        for (Hdf5Storage storage : List.of(Hdf5Storage.contiguous(), Hdf5Storage.chunked())) {
            Path file = dir.resolve("weighted.h5");
            Hdf5EventWriter.write(file, events, storage);
            try (Hdf5EventReader r = Hdf5EventReader.open(file)) {
                assertTrue(r.hasWeights());
                assertArrayEquals(w, r.readAll().weights());
            }
        }
    }

    @Test
    void writesTheLayoutWithNamesClassesAndRequestedStorage() throws IOException {
        EventSet events = new SyntheticEvents(4).generate(Process.W, 5000);
        Path contiguous = dir.resolve("c.h5");
        Path chunked = dir.resolve("k.h5");
        Hdf5EventWriter.write(contiguous, events, Hdf5Storage.contiguous(), Map.of("process", "W", "seed", "4"));
        Hdf5EventWriter.write(chunked, events, new Hdf5Storage.Chunked(2048, 4));
        try (HdfFile f = new HdfFile(contiguous)) {
            Dataset p = f.getDatasetByPath(Hdf5Names.PARTICLES);
            assertTrue(p instanceof ContiguousDataset);
            assertArrayEquals(new int[] {5000, 19, 4}, p.getDimensions());
            assertEquals(float.class, p.getJavaType());
            assertArrayEquals(new int[] {5000}, f.getDatasetByPath(Hdf5Names.LABELS).getDimensions());
            assertArrayEquals(new String[] {"Pt", "Eta", "Phi", "Class"},
                    (String[]) f.getDatasetByPath(Hdf5Names.PARTICLES_NAMES).getData());
            assertArrayEquals(new String[] {"MET_class_1", "Four_Ele_class_2", "Four_Mu_class_3", "Ten_Jet_class_4"},
                    (String[]) f.getDatasetByPath(Hdf5Names.PARTICLES_CLASSES).getData());
            assertEquals("W", f.getAttribute("process").getData());
            assertEquals("4", f.getAttribute("seed").getData());
        }
        try (HdfFile f = new HdfFile(chunked)) {
            Dataset p = f.getDatasetByPath(Hdf5Names.PARTICLES);
            assertTrue(p instanceof ChunkedDataset);
            assertArrayEquals(new int[] {2048, 19, 4}, ((ChunkedDataset) p).getChunkDimensions());
            assertEquals("deflate", p.getFilters().get(0).getName());
        }
        assertTrue(Files.size(chunked) < Files.size(contiguous) / 3, "zero padding compresses well");
    }

    @Test
    void sameEventsGiveTheSameBytes() throws IOException {
        EventSet events = new SyntheticEvents(6).generate(Process.QCD, 2000);
        for (Hdf5Storage storage : List.of(Hdf5Storage.contiguous(), Hdf5Storage.chunked())) {
            Path a = dir.resolve("a.h5");
            Path b = dir.resolve("b.h5");
            Hdf5EventWriter.write(a, events, storage, Map.of("seed", "6"));
            Hdf5EventWriter.write(b, new SyntheticEvents(6).generate(Process.QCD, 2000), storage, Map.of("seed", "6"));
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), storage.toString());
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("x.h5");
        Files.writeString(file, "old content that is longer than nothing");
        EventSet events = new SyntheticEvents(1).generate(Process.Z, 10);
        Hdf5EventWriter.write(file, events, Hdf5Storage.contiguous());
        try (Hdf5EventReader r = Hdf5EventReader.open(file)) {
            assertEquals(10, r.size());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void refusesToWriteZeroEvents() {
        EventSet none = EventSet.of(new float[0], new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5EventWriter.write(dir.resolve("e.h5"), none, Hdf5Storage.contiguous()));
        assertTrue(e.getMessage().endsWith("e.h5: refusing to write 0 events (readers reject empty files)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("e.h5")));
    }

    @Test
    void chunkedStorageOptionsAreValidated() {
        assertEquals("chunkEvents must be >= 1, got chunkEvents=0",
                assertThrows(IllegalArgumentException.class, () -> new Hdf5Storage.Chunked(0, 4)).getMessage());
        assertEquals("deflateLevel must be in 0..9, got deflateLevel=10",
                assertThrows(IllegalArgumentException.class, () -> new Hdf5Storage.Chunked(10, 10)).getMessage());
    }

    static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
