/**
 * The service's refusals ({@link org.l1embed.service.errors.ServiceException}): a kind and a message naming the field
 * and value. Protocol mapping (gRPC status, HTTP status) lives with each protocol, not here.
 */
package org.l1embed.service.errors;
