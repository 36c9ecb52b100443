using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using ReferralNet.ServiceDefaults.Edges;

namespace ReferralNet.ServiceDefaults.Http;

/// <summary>
/// Puts, in front of every service's pipeline, the answers to requests the endpoints never see:
/// problem bodies for empty 4xx and 5xx responses, InvalidArgument for malformed gRPC calls, and the
/// rate limits (429 / ResourceExhausted).
/// </summary>
sealed class BadRequestAnswers(IReadOnlyDictionary<string, MessageDescriptor> grpcRequestTypes) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseStatusCodePages(ProblemStatusPages.WriteAsync);
        app.UseMiddleware<GrpcRequestCheck>(grpcRequestTypes);
        app.UseReferralNetRateLimits();
        next(app);
    };
}
