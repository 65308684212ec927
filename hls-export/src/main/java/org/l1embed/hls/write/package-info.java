/**
 * Writing a rendered project to disk atomically: everything goes into a temporary directory beside the target,
 * which is renamed into place only when every file is written, so a failure never leaves a half-written project.
 */
package org.l1embed.hls.write;
