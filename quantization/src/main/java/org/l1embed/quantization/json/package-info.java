/**
 * Strict JSON reading shared by l1embed's JSON files ({@code network.json}, {@code provenance.json}, precision
 * configs): duplicate keys and trailing content are errors, and malformed text is reported with its position.
 * Nothing here knows a file format; the readers of each format live with their types.
 */
package org.l1embed.quantization.json;
