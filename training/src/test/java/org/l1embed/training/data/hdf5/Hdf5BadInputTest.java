package org.l1embed.training.data.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;

/** Every malformed input gets a clear exception naming the file, the dataset and (for values) the event. */
class Hdf5BadInputTest {

    @TempDir
    Path dir;

    /** n events of zeros except MET pT = event index + 1. */
    private static float[][][] events(int n) {
        float[][][] p = new float[n][19][4];
        for (int e = 0; e < n; e++) {
            p[e][0][0] = e + 1;
            p[e][0][3] = 1;
        }
        return p;
    }

    private Path file(String name, FileContent content) {
        Path f = dir.resolve(name);
        try (WritableHdfFile out = HdfFile.write(f)) {
            content.fill(out);
        }
        return f;
    }

    @FunctionalInterface
    private interface FileContent {
        void fill(WritableHdfFile out);
    }

    private String failure(Path f, Process process) {
        return assertThrows(IllegalArgumentException.class, () -> {
            try (Hdf5EventReader r = Hdf5EventReader.open(f, process)) {
                r.readAll();
            }
        }).getMessage();
    }

    @Test
    void missingParticlesDatasetIsNamed() {
        Path f = file("m.h5", out -> out.putDataset("Labels", new int[] {1, 2}));
        assertEquals(f + ": no dataset 'Particles' (expected float32 of shape (N, 19, 4)); the file has only [Labels]",
                failure(f, Process.W));
    }

    @Test
    void particlesThatIsAGroupIsRefused() {
        Path f = file("g.h5", out -> out.putGroup("Particles"));
        assertEquals(f + ": 'Particles' is a GROUP, expected a dataset", failure(f, Process.W));
    }

    @Test
    void wrongShapeIsNamed() {
        Path f = file("s.h5", out -> out.putDataset("Particles", new float[5][19][3]));
        assertEquals(f + ": dataset 'Particles' has shape (5, 19, 3), expected (N, 19, 4)", failure(f, Process.W));
        Path g = file("s2.h5", out -> out.putDataset("Particles", new float[5][76]));
        assertEquals(g + ": dataset 'Particles' has shape (5, 76), expected (N, 19, 4)", failure(g, Process.W));
    }

    @Test
    void wrongTypeIsNamed() {
        Path f = file("d.h5", out -> out.putDataset("Particles", new double[5][19][4]));
        assertEquals(f + ": dataset 'Particles' has type 64-bit float, expected float32", failure(f, Process.W));
        Path g = file("i.h5", out -> out.putDataset("Particles", new int[5][19][4]));
        assertEquals(g + ": dataset 'Particles' has type 32-bit signed integer, expected float32", failure(g, Process.W));
    }

    @Test
    void nanNamesTheFileDatasetAndEventInContiguousAndChunkedFiles() {
        float[][][] p = events(5000);
        p[3217][6][1] = Float.NaN;
        Path c = file("nan.h5", out -> out.putDataset("Particles", p));
        assertEquals(c + ": dataset 'Particles', event 3217: η of muon 2 (row 6) is NaN, expected a finite number",
                failure(c, Process.QCD));
        Path k = file("nan_chunked.h5", out -> out.putDataset("Particles", p,
                DatasetCreationOptions.builder().chunkDimensions(1000, 19, 4).deflate(4).build()));
        assertEquals(k + ": dataset 'Particles', event 3217: η of muon 2 (row 6) is NaN, expected a finite number",
                failure(k, Process.QCD));
    }

    @Test
    void infinityIsFoundWhileStreamingAndNamesTheEventIndexInTheFile() throws IOException {
        float[][][] p = events(1000);
        p[777][12][0] = Float.NEGATIVE_INFINITY;
        Path f = file("inf.h5", out -> out.putDataset("Particles", p));
        try (Hdf5EventReader r = Hdf5EventReader.open(f, Process.W)) {
            Iterator<EventSet> blocks = r.blocks(100);
            for (int i = 0; i < 7; i++) {
                blocks.next();
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, blocks::next);
            assertEquals(f + ": dataset 'Particles', event 777: pT of jet 4 (row 12) is -Infinity, expected a finite number",
                    e.getMessage());
        }
    }

    @Test
    void labelsOutOfRangeAreNamedWithTheirEvent() {
        Path f = file("l.h5", out -> {
            out.putDataset("Particles", events(4));
            out.putDataset("Labels", new long[] {0, 7, 8, 1});
        });
        assertEquals(f + ": dataset 'Labels', event 2: label 8 is out of range, expected 0..7", failure(f, null));
        Path g = file("neg.h5", out -> {
            out.putDataset("Particles", events(2));
            out.putDataset("Labels", new byte[] {-1, 0});
        });
        assertEquals(g + ": dataset 'Labels', event 0: label -1 is out of range, expected 0..7", failure(g, null));
    }

    @Test
    void labelsOfTheWrongLengthOrTypeAreRefused() {
        Path f = file("ll.h5", out -> {
            out.putDataset("Particles", events(4));
            out.putDataset("Labels", new int[] {0, 1, 2});
        });
        assertEquals(f + ": dataset 'Labels' has shape (3,), expected (4,): one value per event of 'Particles'", failure(f, null));
        Path g = file("lf.h5", out -> {
            out.putDataset("Particles", events(2));
            out.putDataset("Labels", new float[] {0, 1});
        });
        assertEquals(g + ": dataset 'Labels' has type 32-bit float, expected an integer type", failure(g, null));
    }

    @Test
    void weightsMustBeFiniteFloatsOnePerEvent() {
        Path f = file("w.h5", out -> {
            out.putDataset("Particles", events(3));
            out.putDataset("Weights", new double[] {1, Double.NaN, 1});
        });
        assertEquals(f + ": dataset 'Weights', event 1: weight is NaN, expected a finite number", failure(f, Process.Z));
        Path g = file("wl.h5", out -> {
            out.putDataset("Particles", events(3));
            out.putDataset("Weights", new float[] {1, 1});
        });
        assertEquals(g + ": dataset 'Weights' has shape (2,), expected (3,): one value per event of 'Particles'",
                failure(g, Process.Z));
    }

    @Test
    void noLabelsAndNoProcessIsRefused() {
        Path f = file("n.h5", out -> out.putDataset("Particles", events(2)));
        String message = failure(f, null);
        assertTrue(message.startsWith(f + ": no 'Labels' dataset and no process given for its events"), message);
    }

    @Test
    void aFileThatIsNotHdf5IsAnIoError() throws IOException {
        Path f = dir.resolve("text.h5");
        Files.writeString(f, "Particles,Labels\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> Hdf5EventReader.open(f, Process.W));
        assertTrue(e.getMessage().startsWith(f + ": not a readable HDF5 file"), e.getMessage());
    }

    @Test
    void aMissingFileOrADirectoryIsAnIoError() {
        Path missing = dir.resolve("nope.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Hdf5EventReader.open(missing, Process.W));
        assertEquals(missing.toString(), e.getFile());
        IOException d = assertThrows(IOException.class, () -> Hdf5EventReader.open(dir, Process.W));
        assertEquals(dir + ": not a regular file", d.getMessage());
    }

    @Test
    void aTruncatedFileIsAnIoErrorNotACrash() throws IOException {
        Path good = file("t.h5", out -> out.putDataset("Particles", events(20_000),
                DatasetCreationOptions.builder().chunkDimensions(1000, 19, 4).deflate(1).build()));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.h5");
        // Keep the header (written first) and cut into the chunk data.
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Exception e = assertThrows(Exception.class, () -> {
            try (Hdf5EventReader r = Hdf5EventReader.open(cut, Process.W)) {
                for (Iterator<EventSet> it = r.blocks(4096); it.hasNext(); ) {
                    it.next();
                }
            }
        });
        assertTrue(e instanceof IOException || e instanceof UncheckedIOException, e.toString());
        assertTrue(e.getMessage().contains("cut.h5"), e.getMessage());
    }
}
