package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.IoType;
import org.l1embed.hls.config.Strategy;
import org.l1embed.proto.v1.ExportFirmwareRequest;
import org.l1embed.proto.v1.FirmwareChunk;
import org.l1embed.proto.v1.HlsConfig;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.ValidationFixtures;
import org.l1embed.service.ValidationRepositoryResource;

/** ExportFirmware: the zip holds, byte for byte, the project that {@code l1embed export-hls} (HlsExport) writes. */
@QuarkusTest
@WithTestResource(value = ValidationRepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExportFirmwareTest {

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    /** The chunks of one call, checked for offsets and the last-chunk fields, and the zip they make. */
    private record Download(List<FirmwareChunk> chunks, byte[] zip) {
    }

    private Download download(ExportFirmwareRequest request) throws NoSuchAlgorithmException {
        List<FirmwareChunk> chunks = new ArrayList<>();
        models.exportFirmware(request).forEachRemaining(chunks::add);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        for (int k = 0; k < chunks.size(); k++) {
            FirmwareChunk c = chunks.get(k);
            boolean last = k == chunks.size() - 1;
            assertEquals(zip.size(), c.getOffset(), "chunk " + k);
            assertEquals(last, c.getLast(), "chunk " + k);
            assertEquals(k == 0, !c.getFileName().isEmpty(), "chunk " + k);
            if (!last) {
                assertEquals(FirmwareMapping.CHUNK_BYTES, c.getData().size(), "chunk " + k);
                assertEquals("", c.getSha256());
            }
            zip.writeBytes(c.getData().toByteArray());
        }
        FirmwareChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.getData().size() >= 1 && last.getData().size() <= FirmwareMapping.CHUNK_BYTES);
        byte[] bytes = zip.toByteArray();
        assertEquals(bytes.length, last.getTotalSize());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), last.getSha256());
        return new Download(chunks, bytes);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<String> order = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertFalse(e.isDirectory(), e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), e.getTimeLocal(), e.getName());
                assertEquals(null, e.getExtra(), e.getName());
                order.add(e.getName());
                files.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(new ArrayList<>(files.keySet()), order, "entries in path order");
        return files;
    }

    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Iterator<Path> it = walk.filter(Files::isRegularFile).iterator(); it.hasNext(); ) {
                Path p = it.next();
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void theZipHoldsTheFilesThatExportHlsWritesByteForByte(@TempDir Path tmp) throws Exception {
        NetworkSpec spec = ModelBundle.read(root.resolve(ValidationFixtures.QAT).resolve("1")).network();
        ExportFirmwareRequest request = ExportFirmwareRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "1"))
                .setHls(HlsConfig.newBuilder().setProjectName("enc").setTopFunction("enc_top").setFpgaPart("xcvu9p-flga2104-2l-e")
                        .setClockPeriodNs(5).setDefaultReuseFactor(2).putReuseFactors("dense3", 4).setIoType("io_parallel")
                        .setStrategy("latency").setTestbenchEvents(5000).setTestbenchSeed(3))
                .build();
        Download d = download(request);
        assertTrue(d.chunks().size() >= 2, "5000 testbench events make a zip over 1 MiB: " + d.zip().length + " bytes");
        assertEquals("enc.zip", d.chunks().get(0).getFileName());

        org.l1embed.hls.config.HlsConfig config = new org.l1embed.hls.config.HlsConfig("enc", "enc_top",
                new FpgaPart("xcvu9p-flga2104-2l-e"), 5.0, 2, Map.of("dense3", 4), IoType.IO_PARALLEL, Strategy.LATENCY, 5000, 3L);
        Path dir = tmp.resolve("enc");
        HlsExport.export(spec, config, dir, false);
        Map<String, byte[]> expected = tree(dir);
        Map<String, byte[]> got = unzip(d.zip());
        assertEquals(expected.keySet(), got.keySet());
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), got.get(f), f);
        }
        // the same request gives the same bytes
        assertArrayEquals(d.zip(), download(request).zip());
    }

    @Test
    void unsetFieldsTakeHlsExportsDefaults(@TempDir Path tmp) throws Exception {
        NetworkSpec spec = ModelBundle.read(root.resolve(ValidationFixtures.QAT).resolve("1")).network();
        Download d = download(ExportFirmwareRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "")).build());
        assertEquals(1, d.chunks().size());
        assertEquals(spec.name() + ".zip", d.chunks().get(0).getFileName());
        Path dir = tmp.resolve("p");
        HlsExport.export(spec, org.l1embed.hls.config.HlsConfig.defaults(spec.name()), dir, false);
        Map<String, byte[]> expected = tree(dir);
        Map<String, byte[]> got = unzip(d.zip());
        assertEquals(expected.keySet(), got.keySet());
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), got.get(f), f);
        }
    }

    private void refused(Status.Code code, String message, HlsConfig.Builder hls, String name) {
        ExportFirmwareRequest request = ExportFirmwareRequest.newBuilder().setModel(model(name, "")).setHls(hls).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> models.exportFirmware(request).forEachRemaining(c -> {
        }));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(message, e.getStatus().getDescription());
    }

    private void invalid(String message, HlsConfig.Builder hls) {
        refused(Status.Code.INVALID_ARGUMENT, message, hls, ValidationFixtures.QAT);
    }

    @Test
    void eachBadFieldIsNamedWithItsRuleAndTheValidValues() {
        invalid("hls.project_name: projectName must be a C identifier (a letter, then letters, digits or '_', at most 63 characters, "
                + "not a C++ keyword), got '1abc'", HlsConfig.newBuilder().setProjectName("1abc"));
        invalid("hls.top_function: topFunction must be a C identifier (a letter, then letters, digits or '_', at most 63 characters, "
                + "not a C++ keyword), got 'int'", HlsConfig.newBuilder().setTopFunction("int"));
        invalid("hls.fpga_part: part must be an AMD/Xilinx part name such as xcvu13p-flga2577-2-e (xc<device>-<package>-<speed "
                + "grade>[-<temperature>]), got 'stratix10'", HlsConfig.newBuilder().setFpgaPart("stratix10"));
        invalid("hls.clock_period_ns: clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=0.0",
                HlsConfig.newBuilder().setClockPeriodNs(0));
        invalid("hls.clock_period_ns: clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=NaN",
                HlsConfig.newBuilder().setClockPeriodNs(Double.NaN));
        invalid("hls.io_type: 'io_stream' is not supported; valid: [io_parallel]", HlsConfig.newBuilder().setIoType("io_stream"));
        invalid("hls.strategy: 'resource' is not supported; valid: [latency]", HlsConfig.newBuilder().setStrategy("resource"));
        invalid("hls.testbench_events: testbenchEvents must be in 1..1000000, got testbenchEvents=0",
                HlsConfig.newBuilder().setTestbenchEvents(0));
        invalid("hls.testbench_events: the service renders at most 100000 testbench events (l1embed export-hls writes up to 1000000), "
                + "got 100001", HlsConfig.newBuilder().setTestbenchEvents(100_001));
        invalid("hls.default_reuse_factor: must be >= 1, got 0", HlsConfig.newBuilder().setDefaultReuseFactor(0));
        invalid("hls.default_reuse_factor: reuse factor 5 is not valid for dense layer 'dense1' (57x16 = 912 multiplications): it must "
                + "divide n_in*n_out and keep n_in*n_out/reuse factor <= 4096 (the HLS unroll limit); valid: 1, 2, 3, 4, 6, 8, 12, 16, "
                + "19, 24, 38, 48, 57, 76, 114, 152, 228, 304, 456, 912", HlsConfig.newBuilder().setDefaultReuseFactor(5));
        invalid("hls.reuse_factors['dense3']: reuse factor 3 is not valid for dense layer 'dense3' (8x4 = 32 multiplications): it must "
                + "divide n_in*n_out and keep n_in*n_out/reuse factor <= 4096 (the HLS unroll limit); valid: 1, 2, 4, 8, 16, 32",
                HlsConfig.newBuilder().putReuseFactors("dense3", 3));
        invalid("hls.reuse_factors: 'relu2' is not a dense layer of network 'encoder_float'; dense layers: dense1, dense2, dense3",
                HlsConfig.newBuilder().putReuseFactors("relu2", 1));
    }

    @Test
    void aFloatModelOrAnUnknownOneIsRefused() {
        refused(Status.Code.FAILED_PRECONDITION, "model 'adc_float' version '1' is a float model (network 'encoder_float' has no "
                + "fixed-point types); the firmware export needs a quantized bundle", HlsConfig.newBuilder(), ValidationFixtures.FLOAT);
        refused(Status.Code.NOT_FOUND, "model 'nope' is not in the repository; models: adc_float, adc_plain, adc_qat, adc_qat_badtb",
                HlsConfig.newBuilder(), "nope");
    }
}
