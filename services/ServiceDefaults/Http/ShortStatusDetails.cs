using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Shortens the detail of every gRPC error a lookup throws (<see cref="QuotedInput.Shorten"/>):
/// the detail travels in a header, and one that quoted a huge argument whole broke the connection.
/// </summary>
public sealed class ShortStatusDetails : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e) when (QuotedInput.Shorten(e.Status.Detail) is var shorter && shorter.Length < e.Status.Detail.Length)
        {
            throw new RpcException(new Status(e.StatusCode, shorter), e.Trailers);
        }
    }
}
