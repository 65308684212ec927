/**
 * The gRPC services: thin classes that map protobuf requests to repository, decoder and backend calls and results back
 * to protobuf, and every failure to a gRPC status ({@link org.l1embed.service.grpc.GrpcErrors}). No domain logic here.
 */
package org.l1embed.service.grpc;
