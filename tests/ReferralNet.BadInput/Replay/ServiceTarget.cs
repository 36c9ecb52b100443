namespace ReferralNet.BadInput.Replay;

/// <summary>
/// Where one service answers: its REST and gRPC base addresses and the handlers to reach them
/// (sockets for a running network, a TestServer's handler in process).
/// </summary>
public sealed record ServiceTarget(string Name, Uri Rest, HttpMessageHandler RestHandler, Uri Grpc, HttpMessageHandler GrpcHandler);
