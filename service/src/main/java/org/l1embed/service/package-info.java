/**
 * The l1embed service (Quarkus): gRPC services for float inference, bit-accurate emulation and the model
 * repository, plus REST and operations endpoints. Service classes map protobuf to domain calls and nothing else.
 */
package org.l1embed.service;
