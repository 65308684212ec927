package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;

import com.google.protobuf.UnsafeByteOperations;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import org.l1embed.proto.v1.ExportFirmwareRequest;
import org.l1embed.proto.v1.FirmwareChunk;
import org.l1embed.proto.v1.HlsConfig;
import org.l1embed.service.firmware.FirmwareArchive;
import org.l1embed.service.firmware.FirmwareConfig;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;

/** ExportFirmware: request → {@link FirmwareConfig} → {@link FirmwareArchive} → chunks. */
final class FirmwareMapping {

    /** Data bytes per chunk, except the last. */
    static final int CHUNK_BYTES = 1 << 20;

    private FirmwareMapping() {
    }

    /** The whole call: the chunks of the zip, or the failure as a gRPC status. */
    static Multi<FirmwareChunk> export(ModelRepository models, ExportFirmwareRequest request) {
        try (ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model")) {
            LoadedModel model = lease.model();
            if (!model.quantized()) {
                throw failedPrecondition(model.key().label() + " is a float model (network '" + model.bundle().network().name()
                        + "' has no fixed-point types); the firmware export needs a quantized bundle");
            }
            FirmwareArchive zip;
            try {
                zip = FirmwareArchive.of(model.bundle().network(), config(request.getHls()).resolve(model.bundle().network()));
            } catch (IllegalArgumentException e) {   // hls-export refuses the network itself (layer names, widths)
                throw failedPrecondition(model.key().label() + " cannot be exported to HLS: " + e.getMessage());
            }
            return Multi.createFrom().iterable(chunks(zip));
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(GrpcErrors.toStatus("ExportFirmware", e));
        }
    }

    static FirmwareConfig config(HlsConfig hls) {
        return new FirmwareConfig(hls.getProjectName(), hls.getTopFunction(), hls.getFpgaPart(),
                hls.hasClockPeriodNs() ? hls.getClockPeriodNs() : null,
                hls.hasDefaultReuseFactor() ? hls.getDefaultReuseFactor() : null,
                hls.getReuseFactorsMap(), hls.getIoType(), hls.getStrategy(),
                hls.hasTestbenchEvents() ? hls.getTestbenchEvents() : null,
                hls.hasTestbenchSeed() ? hls.getTestbenchSeed() : null);
    }

    /** {@value #CHUNK_BYTES} bytes per chunk; the last carries the rest, the size and the SHA-256. */
    static List<FirmwareChunk> chunks(FirmwareArchive zip) {
        List<FirmwareChunk> out = new ArrayList<>();
        int size = zip.size();
        int offset = 0;
        do {
            int length = Math.min(CHUNK_BYTES, size - offset);
            boolean last = offset + length == size;
            FirmwareChunk.Builder c = FirmwareChunk.newBuilder()
                    .setData(UnsafeByteOperations.unsafeWrap(zip.slice(offset, length)))   // a fresh copy, not used again
                    .setOffset(offset);
            if (offset == 0) {
                c.setFileName(zip.fileName());
            }
            if (last) {
                c.setLast(true).setTotalSize(size).setSha256(zip.sha256());
            }
            out.add(c.build());
            offset += length;
        } while (offset < size);
        return out;
    }
}
