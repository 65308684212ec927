/**
 * Dynamic batching: concurrent small requests for the same model version and backend are queued and merged into one
 * backend call ({@link org.l1embed.service.batching.DynamicBatcher}), then the outputs are split back per request.
 * Knows models only as {@link org.l1embed.service.repository.ModelKey}s and kernels; no gRPC, no metrics library.
 */
package org.l1embed.service.batching;
