package org.l1embed.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.ListModelsRequest;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.service.FixtureBundles;

/**
 * TLS, mutual TLS and the bearer token, by configuration only ({@link SecuredProfile}): gRPC and REST share the one
 * HTTPS port; a client with the trusted certificate and the token is served; a client without a certificate, a
 * plaintext client, and a client without the token are refused.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class SecuredServiceTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private static KeyStore store(String file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TlsCertificatesResource.dir.resolve(file))) {
            ks.load(in, TlsCertificatesResource.PASSWORD.toCharArray());
        }
        return ks;
    }

    private static KeyManagerFactory clientKeys() throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store("client.p12"), TlsCertificatesResource.PASSWORD.toCharArray());
        return kmf;
    }

    private static TrustManagerFactory serverTrust() throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store("client-trust.p12"));
        return tmf;
    }

    private ManagedChannel channel(ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress("localhost", https.getPort(), credentials).build();
    }

    private ManagedChannel mutualTls(boolean withCertificate) throws IOException, GeneralSecurityException {
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(serverTrust().getTrustManagers());
        if (withCertificate) {
            b.keyManager(clientKeys().getKeyManagers());
        }
        return channel(b.build());
    }

    private static <T> T using(ManagedChannel channel, Function<ManagedChannel, T> call) throws InterruptedException {
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Metadata bearer(String token) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return m;
    }

    @Test
    void aClientWithTheTrustedCertificateAndTheTokenIsServedOverTls() throws Exception {
        long latents = using(mutualTls(true), ch -> EmbeddingServiceGrpc.newBlockingStub(ch)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(SecuredProfile.TOKEN)))
                .embed(EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
                        .setEvents(tensor(FixtureBundles.events(3, 8).networkFeatures(), 3, 57)).build())
                .getLatents().getShape(0));
        assertEquals(3L, latents);
    }

    @Test
    void aMissingOrWrongTokenIsUnauthenticatedNamingTheHeader() throws Exception {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> using(mutualTls(true),
                ch -> ModelServiceGrpc.newBlockingStub(ch).list(ListModelsRequest.getDefaultInstance())));
        assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
        assertEquals("missing 'authorization' header: expected 'Bearer <token>' with the token configured by l1embed.auth.token",
                missing.getStatus().getDescription());
        StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class, () -> using(mutualTls(true),
                ch -> ModelServiceGrpc.newBlockingStub(ch).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("nope")))
                        .list(ListModelsRequest.getDefaultInstance())));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
        assertEquals("invalid 'authorization' header: expected 'Bearer <token>' with the token configured by l1embed.auth.token",
                wrong.getStatus().getDescription());
    }

    @Test
    void theGrpcHealthServiceNeedsNoToken() throws Exception {
        assertEquals(ServingStatus.SERVING, using(mutualTls(true), ch -> HealthGrpc.newBlockingStub(ch)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus()));
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> using(mutualTls(false),
                ch -> ModelServiceGrpc.newBlockingStub(ch).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                        bearer(SecuredProfile.TOKEN))).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .list(ListModelsRequest.getDefaultInstance())));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void aPlaintextClientIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> using(
                channel(InsecureChannelCredentials.create()), ch -> ModelServiceGrpc.newBlockingStub(ch)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(SecuredProfile.TOKEN)))
                        .withDeadlineAfter(10, TimeUnit.SECONDS).list(ListModelsRequest.getDefaultInstance())));
        assertTrue(e.getStatus().getCode() != Status.Code.OK, e.getStatus().toString());
    }

    private HttpClient https(boolean withCertificate) throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(withCertificate ? clientKeys().getKeyManagers() : null, serverTrust().getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(java.time.Duration.ofSeconds(10)).build();
    }

    @Test
    void restNeedsTheClientCertificateAndApiNeedsTheToken() throws Exception {
        HttpClient client = https(true);
        URI models = https.toURI().resolve("/api/models");
        HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(models)
                .header("Authorization", "Bearer " + SecuredProfile.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withToken.statusCode());
        assertTrue(withToken.body().contains("\"adc_q\""), withToken.body());
        HttpResponse<String> without = client.send(HttpRequest.newBuilder(models).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, without.statusCode());
        assertEquals("Bearer", without.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("missing 'authorization' header: expected 'Bearer <token>' with the token configured by l1embed.auth.token",
                without.body());
        assertEquals(200, client.send(HttpRequest.newBuilder(https.toURI().resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "probes need no token");
        HttpClient noCertificate = https(false);
        assertThrows(IOException.class, () -> noCertificate.send(HttpRequest.newBuilder(models)
                .header("Authorization", "Bearer " + SecuredProfile.TOKEN).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
