/**
 * The optional bearer-token check ({@code l1embed.auth.token} or {@code l1embed.auth.token-file}) for gRPC calls and
 * {@code /api} requests. TLS and mutual TLS are Quarkus configuration only ({@code docs/service.md}).
 */
package org.l1embed.service.security;
