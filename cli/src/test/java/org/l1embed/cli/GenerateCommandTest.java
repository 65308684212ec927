package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.training.data.hdf5.Hdf5EventReader;

class GenerateCommandTest {

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static EventSet read(Path file) throws IOException {
        try (Hdf5EventReader r = Hdf5EventReader.open(file)) {
            return r.readAll();
        }
    }

    @Test
    void writesOneLabelledFilePerBackgroundProcessSplitByTheCocktail() throws IOException {
        Path out = tmp.resolve("events");
        CliRun r = CliRun.of("generate", "--events", "1000", "--out", out.toString(), "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("wrote 1000 events in 4 files to " + out + " (seed 3, jes nu 0.0, contiguous)"), r.err());
        assertEquals(List.of("QCD.h5", "W.h5", "Z.h5", "ttbar.h5"), names(out));
        int[] expected = {592, 338, 67, 3};
        for (Process p : Process.backgrounds()) {
            EventSet s = read(out.resolve(p.shortName() + ".h5"));
            assertEquals(expected[p.label()], s.size(), p.toString());
            assertTrue(Arrays.stream(s.labels()).allMatch(l -> l == p.label()));
        }
        assertEquals(List.of("events"), names(tmp), "no temporary directory is left behind");
    }

    @Test
    void signalsGetTheirOwnEventCount() throws IOException {
        Path out = tmp.resolve("all");
        CliRun r = CliRun.of("generate", "--events", "400", "--signal-events", "50", "--processes", "all", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(8, names(out).size(), names(out).toString());
        for (Process p : Process.signals()) {
            EventSet s = read(out.resolve(p.shortName() + ".h5"));
            assertEquals(50, s.size());
            assertEquals(p, s.process(0));
        }
        assertEquals(237, read(out.resolve("W.h5")).size(), "0.592 × 400 = 236.8");
    }

    @Test
    void processListTakesShortNamesInAnyCase() throws IOException {
        Path out = tmp.resolve("some");
        CliRun r = CliRun.of("generate", "--events", "100", "--processes", "z,Ato4l,W", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Ato4l.h5", "W.h5", "Z.h5"), names(out));
        assertEquals(90, read(out.resolve("W.h5")).size(), "W : Z = 0.592 : 0.067 of 100");
        assertEquals(10, read(out.resolve("Z.h5")).size());
        assertEquals(100, read(out.resolve("Ato4l.h5")).size());
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOther() throws IOException {
        for (String d : List.of("a", "b", "c")) {
            String seed = d.equals("c") ? "8" : "7";
            assertEquals(0, CliRun.of("generate", "--events", "300", "--seed", seed, "--processes", "QCD,hToTauTau",
                    "--out", tmp.resolve(d).toString(), "--chunked").exit());
        }
        for (String f : names(tmp.resolve("a"))) {
            byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(f));
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
            assertFalse(Arrays.equals(a, Files.readAllBytes(tmp.resolve("c").resolve(f))), f);
        }
    }

    @Test
    void jesShiftsTheJetsOfTheSameEvents() throws IOException {
        assertEquals(0, CliRun.of("generate", "--events", "500", "--processes", "ttbar",
                "--out", tmp.resolve("n").toString()).exit());
        CliRun r = CliRun.of("generate", "--events", "500", "--processes", "ttbar", "--jes", "0.05",
                "--out", tmp.resolve("s").toString());
        assertEquals(0, r.exit(), r.err());
        EventSet nominal = read(tmp.resolve("n/ttbar.h5"));
        EventSet shifted = read(tmp.resolve("s/ttbar.h5"));
        int compared = 0;
        for (int e = 0; e < nominal.size(); e++) {
            assertEquals(nominal.value(e, 1, 0), shifted.value(e, 1, 0), "leptons are not shifted");
            float jet = nominal.value(e, 9, 0);
            if (jet > 0) {
                assertEquals((float) (jet * StrictMath.exp(0.05)), shifted.value(e, 9, 0));
                compared++;
            }
        }
        assertTrue(compared > 400, "events with a jet: " + compared);
        try (HdfFile f = new HdfFile(tmp.resolve("s/ttbar.h5"))) {
            assertEquals("0.05", f.getAttribute("jes_nu").getData());
            assertEquals("1", f.getAttribute("seed").getData());
            assertEquals("ttbar", f.getAttribute("process").getData());
        }
    }

    @Test
    void chunkedWritesDeflateCompressedChunks() throws IOException {
        Path out = tmp.resolve("k");
        assertEquals(0, CliRun.of("generate", "--events", "5000", "--processes", "W", "--chunked", "--out", out.toString()).exit());
        try (HdfFile f = new HdfFile(out.resolve("W.h5"))) {
            ChunkedDataset d = (ChunkedDataset) f.getDatasetByPath("Particles");
            assertArrayEquals(new int[] {4096, 19, 4}, d.getChunkDimensions());
            assertEquals("deflate", d.getFilters().get(0).getName());
        }
        assertEquals(5000, read(out.resolve("W.h5")).size());
    }

    @Test
    void writesIntoAnExistingEmptyDirectory() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        assertEquals(0, CliRun.of("generate", "--events", "50", "--processes", "Z", "--out", out.toString()).exit());
        assertEquals(List.of("Z.h5"), names(out));
    }

    @Test
    void refusesANonEmptyDirectoryAndTouchesNothing() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        String message = CliRun.of("generate", "--events", "50", "--out", out.toString()).assertFailure();
        assertEquals("l1embed: output directory " + out + " is not empty; choose a new or empty directory", message);
        assertEquals(List.of("keep.txt"), names(out));
        assertEquals(List.of("full"), names(tmp));
    }

    @Test
    void refusesAFileAsOutput() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals("l1embed: output directory " + file + " exists and is not a directory",
                CliRun.of("generate", "--events", "50", "--out", file.toString()).assertFailure());
    }

    @Test
    void anUnknownProcessIsAUsageErrorNamingTheAcceptedOnes() {
        String line = CliRun.of("generate", "--events", "50", "--processes", "W,Higgs", "--out", tmp.resolve("x").toString())
                .assertUsageError();
        assertEquals("l1embed: --processes: unknown process 'Higgs', expected one of W, QCD, Z, ttbar, Ato4l, leptoquark, "
                + "hToTauTau, hChToTauNu, or background, signals, all", line);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void badCountsAndShiftsAreUsageErrors() {
        String out = tmp.resolve("x").toString();
        assertEquals("l1embed: --events must be >= 1, got 0", CliRun.of("generate", "--events", "0", "--out", out).assertUsageError());
        assertEquals("l1embed: --signal-events must be >= 1, got -5",
                CliRun.of("generate", "--events", "5", "--signal-events", "-5", "--processes", "all", "--out", out).assertUsageError());
        assertTrue(CliRun.of("generate", "--events", "5", "--jes", "0.5", "--out", out).assertUsageError()
                .startsWith("l1embed: --jes must be a finite number <= 0.4055"));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aProcessWhoseShareRoundsToZeroGetsNoFileAndANote() throws IOException {
        Path out = tmp.resolve("few");
        CliRun r = CliRun.of("generate", "--events", "10", "--processes", "W,ttbar", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("W.h5"), names(out));
        assertTrue(r.err().contains("note: ttbar gets 0 of 10 background events (its cocktail share rounds to 0); no file written"),
                r.err());
    }
}
