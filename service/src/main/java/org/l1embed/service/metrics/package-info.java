/**
 * The service's Prometheus metrics (Micrometer, served at {@code /q/metrics}): its own {@code l1embed_*} series and
 * Triton-compatible {@code nv_inference_*} series, so that dashboards and autoscalers written for Triton work
 * unchanged. The names are listed in {@code docs/service.md}. No gRPC here: callers pass status names.
 */
package org.l1embed.service.metrics;
