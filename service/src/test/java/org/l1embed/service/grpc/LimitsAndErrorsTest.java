package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EventBatch;
import org.l1embed.proto.v1.PackedTensor;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/** Message-size limits, deadlines, and requests that are not even valid protobuf: proper statuses, never UNKNOWN. */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LimitsAndErrorsTest {

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    Channel channel;

    @ConfigProperty(name = "quarkus.grpc.server.max-inbound-message-size")
    int maxInbound;

    private final EmbedRequest small = EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
            .setEvents(tensor(FixtureBundles.events(2, 5).networkFeatures(), 2, 57)).build();

    private void assertStillServing() {
        assertEquals(2, embedding.embed(small).getLatents().getShape(0));
    }

    @Test
    void theDefaultLimitTakes100kEventsOf19x4Float32() {
        assertTrue(maxInbound >= 100_000 * 19 * 4 * 4 + 1024, "limit " + maxInbound);
    }

    @Test
    void aMessageOverTheInboundLimitIsRefusedWithResourceExhausted() {
        int events = maxInbound / (57 * 4) + 8;
        EmbedRequest huge = EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
                .setEvents(EventBatch.newBuilder().setTensor(PackedTensor.newBuilder().addShape(events).addShape(57)
                        .setData(ByteString.copyFrom(new byte[events * 57 * 4])))).build();
        assertTrue(huge.getSerializedSize() > maxInbound);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> embedding.embed(huge));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
        assertStillServing();
    }

    @Test
    void aTinyDeadlineIsAnsweredDeadlineExceeded() {
        for (int i = 0; i < 5; i++) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> embedding.withDeadlineAfter(1, TimeUnit.MICROSECONDS).embed(small));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode(), e.getStatus().toString());
        }
        assertStillServing();
    }

    @Test
    void theClientsDeadlineReachesTheService() {
        Metadata probe = new Metadata();
        probe.put(DeadlineProbe.PROBE, "ten-seconds");
        long before = System.nanoTime();
        embedding.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(probe)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .embed(small);
        long seen = DeadlineProbe.SEEN.get("ten-seconds") - before;
        assertTrue(seen > TimeUnit.SECONDS.toNanos(9) && seen <= TimeUnit.SECONDS.toNanos(11), "deadline in " + seen + " ns");
        probe.put(DeadlineProbe.PROBE, "none");
        embedding.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(probe)).embed(small);
        assertEquals(Long.MAX_VALUE, DeadlineProbe.SEEN.get("none"));
    }

    /** Sends bytes as the Embed request message, whatever they are. */
    private Status rawEmbed(byte[] message) {
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        MethodDescriptor<byte[], byte[]> embed = EmbeddingServiceGrpc.getEmbedMethod().toBuilder(bytes, bytes).build();
        try {
            ClientCalls.blockingUnaryCall(channel, embed, CallOptions.DEFAULT, message);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    @Test
    void bytesThatAreNotAnEmbedRequestGetAProperStatusAndTheServerKeepsServing() {
        byte[] valid = small.toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2, 3};
        for (byte[] message : new byte[][] {truncated, garbage}) {
            Status s = rawEmbed(message);
            assertNotEquals(Status.Code.UNKNOWN, s.getCode(), s.toString());
            assertNotEquals(Status.Code.OK, s.getCode(), s.toString());
            assertTrue(s.getDescription() == null || !s.getDescription().contains("\tat "), "no stack trace: " + s);
            assertStillServing();
        }
        assertEquals(Status.Code.INVALID_ARGUMENT, rawEmbed(new byte[0]).getCode(), "an empty message is an empty request");
    }
}
