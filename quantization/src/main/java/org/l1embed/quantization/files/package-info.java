/**
 * Writing output directories atomically — model bundles, HLS projects, event files: a staging directory beside the
 * target, renamed into place only when complete, so a failure never leaves a half-written directory. One
 * implementation for every writer; JDK only.
 */
package org.l1embed.quantization.files;
