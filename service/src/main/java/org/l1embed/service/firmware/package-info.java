/**
 * The HLS firmware project of a quantized model as one deterministic zip ({@link org.l1embed.service.firmware.FirmwareArchive}),
 * rendered by hls-export ({@link org.l1embed.hls.HlsExport}) exactly as {@code l1embed export-hls} renders it, and the
 * HLS configuration of a request checked field by field ({@link org.l1embed.service.firmware.FirmwareConfig}). No gRPC
 * types here.
 */
package org.l1embed.service.firmware;
