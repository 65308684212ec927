package org.l1embed.service.grpc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Bidirectional streams that answer each request in turn, on a worker thread, one response per request in request
 * order; a failed request becomes an in-band answer and the stream goes on ({@code EmbedStream}, {@code ModelStreamInfer}).
 */
final class OrderedStreams {

    private OrderedStreams() {
    }

    /** The answer to one request of a stream: its response, or its failure (exactly one of them is null). */
    @FunctionalInterface
    interface Answer<Q, R, S> {
        S of(Q request, R response, Throwable failure);
    }

    static <Q, R, S> Multi<S> inOrder(Multi<Q> requests, Function<Q, CompletionStage<R>> work, Answer<Q, R, S> answer) {
        return requests.onItem().transformToUniAndConcatenate(request -> Uni.createFrom()
                .completionStage(() -> work.apply(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transform((response, failure) -> answer.of(request, response, failure)));
    }
}
