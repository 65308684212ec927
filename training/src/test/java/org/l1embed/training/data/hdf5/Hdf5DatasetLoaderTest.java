package org.l1embed.training.data.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.events.DatasetSplit;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.SplitFractions;
import org.l1embed.events.synthetic.SyntheticEvents;

class Hdf5DatasetLoaderTest {

    @TempDir
    Path dir;

    private final SyntheticEvents generator = new SyntheticEvents(17);

    /** Writes only a Particles dataset, as the public per-process files have. */
    private static void writeUnlabelled(Path file, EventSet events) {
        float[] flat = events.particles();
        float[][][] nested = new float[events.size()][19][4];
        for (int e = 0; e < events.size(); e++) {
            for (int r = 0; r < 19; r++) {
                System.arraycopy(flat, EventLayout.index(e, r, 0), nested[e][r], 0, 4);
            }
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset(Hdf5Names.PARTICLES, nested);
        }
    }

    @Test
    void labelsUnlabelledFilesByTheProcessInTheirNameAndLabelledFilesByTheirLabels() throws IOException {
        writeUnlabelled(dir.resolve("W.h5"), generator.generate(Process.W, 300));
        writeUnlabelled(dir.resolve("Ato4l_lepFilter_13TeV.h5"), generator.generate(Process.A_TO_4L, 100));
        EventSet mixed = EventSet.concat(generator.generate(Process.Z, 50), generator.generate(Process.TTBAR, 20));
        Hdf5EventWriter.write(dir.resolve("mixed.hdf5"), mixed, Hdf5Storage.chunked());
        Files.writeString(dir.resolve("notes.txt"), "not an event file");

        List<Hdf5DatasetLoader.Source> sources = Hdf5DatasetLoader.sourcesIn(dir);
        assertEquals(List.of("Ato4l_lepFilter_13TeV.h5", "W.h5", "mixed.hdf5"),
                sources.stream().map(s -> s.file().getFileName().toString()).toList());
        assertEquals(Process.A_TO_4L, sources.get(0).process());
        assertEquals(Process.W, sources.get(1).process());
        assertNull(sources.get(2).process());

        EventSet all = Hdf5DatasetLoader.load(sources);
        assertEquals(470, all.size());
        assertArrayEquals(new long[] {300, 0, 50, 20, 100, 0, 0, 0}, all.countsByLabel());
        assertArrayEquals(generator.generate(Process.A_TO_4L, 100).particles(), all.slice(0, 100).particles());
        assertArrayEquals(mixed.particles(), all.slice(400, 470).particles());
    }

    @Test
    void splitIsDeterministicForASeedAndCoversEveryEvent() throws IOException {
        Hdf5EventWriter.write(dir.resolve("QCD.h5"), generator.generate(Process.QCD, 1000), Hdf5Storage.contiguous());
        Hdf5EventWriter.write(dir.resolve("Z.h5"), generator.generate(Process.Z, 500), Hdf5Storage.chunked());
        DatasetSplit a = Hdf5DatasetLoader.loadSplit(dir, SplitFractions.DEFAULT, 5);
        DatasetSplit b = Hdf5DatasetLoader.loadSplit(dir, SplitFractions.DEFAULT, 5);
        assertEquals(900, a.train().size());
        assertEquals(300, a.validation().size());
        assertEquals(300, a.test().size());
        assertArrayEquals(a.train().particles(), b.train().particles());
        assertArrayEquals(a.test().labels(), b.test().labels());
        long[] counts = new long[8];
        for (EventSet part : List.of(a.train(), a.validation(), a.test())) {
            long[] c = part.countsByLabel();
            for (int i = 0; i < 8; i++) {
                counts[i] += c[i];
            }
        }
        assertArrayEquals(new long[] {0, 1000, 500, 0, 0, 0, 0, 0}, counts);
        DatasetSplit other = Hdf5DatasetLoader.loadSplit(dir, new SplitFractions(0.5, 0.25, 0.25), 6);
        assertEquals(750, other.train().size());
    }

    @Test
    void limitsEventsPerFileAndGivesUnweightedFilesWeightOne() throws IOException {
        EventSet z = generator.generate(Process.Z, 400);
        float[] w = new float[400];
        java.util.Arrays.fill(w, 2f);
        Hdf5EventWriter.write(dir.resolve("Z.h5"), EventSet.of(z.particles(), z.labels(), w), Hdf5Storage.contiguous());
        Hdf5EventWriter.write(dir.resolve("W.h5"), generator.generate(Process.W, 400), Hdf5Storage.contiguous());
        EventSet some = Hdf5DatasetLoader.load(Hdf5DatasetLoader.sourcesIn(dir), 150);
        assertEquals(300, some.size());
        assertTrue(some.hasWeights());
        assertEquals(1f, some.weight(0));
        assertEquals(2f, some.weight(299));
        assertArrayEquals(z.slice(0, 150).particles(), some.slice(150, 300).particles());
    }

    @Test
    void anExplicitProcessLabelsAFileWithAnyName() throws IOException {
        Path f = dir.resolve("sample_1.h5");
        writeUnlabelled(f, generator.generate(Process.H0_TO_TAU_TAU, 30));
        EventSet s = Hdf5DatasetLoader.load(List.of(Hdf5DatasetLoader.Source.of(f, Process.H0_TO_TAU_TAU)));
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 30, 0}, s.countsByLabel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5DatasetLoader.load(List.of(Hdf5DatasetLoader.Source.of(f))));
        assertTrue(e.getMessage().contains("no 'Labels' dataset and no process given"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutHdf5FilesIsRefused() throws IOException {
        Files.writeString(dir.resolve("W.csv"), "1,2,3");
        Files.createFile(dir.resolve(".hidden.h5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdf5DatasetLoader.sourcesIn(dir));
        assertEquals(dir + ": no .h5 or .hdf5 files in the directory", e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Hdf5DatasetLoader.sourcesIn(dir.resolve("missing")));
        assertThrows(NotDirectoryException.class, () -> Hdf5DatasetLoader.sourcesIn(dir.resolve("W.csv")));
        assertThrows(IllegalArgumentException.class, () -> Hdf5DatasetLoader.load(List.of()));
    }
}
