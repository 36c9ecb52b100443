using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ReferralNet.ServiceDefaults.Http;

namespace ReferralNet.Referrals;

/// <summary>Refuses, before the endpoint runs, a route <c>{id}</c> that is not of the shape the engine gives that kind of id.</summary>
public static class IdRouteCheck
{
    /// <summary>Answers 400 with what an id of this kind looks like when the route's <c>{id}</c> has another shape.</summary>
    public static RouteHandlerBuilder RequireIdShape(this RouteHandlerBuilder endpoint, string prefix, string what) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            RecordIds.Check(prefix, context.HttpContext.Request.RouteValues["id"] as string, "the id", what) is { } problem
                ? Problems.BadRequest(problem)
                : await next(context));
}
