/**
 * The service's Validate RPC behind the gRPC mapping: where the events come from ({@link
 * org.l1embed.service.validation.EventSource}) and the loaded model's backends handed to the shared validation
 * ({@link org.l1embed.inference.validation.Validation}, module {@code inference}), so the service and
 * {@code l1embed validate} reach the same verdict. No gRPC types here.
 */
package org.l1embed.service.validation;
