using System.Net;
using Grpc.Core;

namespace ReferralNet.Testing;

/// <summary>
/// An answer as the role × endpoint matrices write it: ok, 401, 403 or 404 (anything else in full),
/// the same for REST and gRPC (Unauthenticated is 401, PermissionDenied 403, NotFound 404).
/// </summary>
public static class Outcome
{
    public static async Task<string> Of(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => "ok",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}",
        };
    }

    public static Task<string> Of<T>(AsyncUnaryCall<T> call) => Of((Task)call.ResponseAsync);

    public static async Task<string> Of(Task grpcCall)
    {
        try
        {
            await grpcCall;
            return "ok";
        }
        catch (RpcException e)
        {
            return e.StatusCode switch
            {
                StatusCode.Unauthenticated => "401",
                StatusCode.PermissionDenied => "403",
                StatusCode.NotFound => "404",
                _ => $"{e.StatusCode} {e.Status.Detail}",
            };
        }
    }
}
