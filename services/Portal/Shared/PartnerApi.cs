using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using ReferralNet.Client;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Portal.SignIn;

namespace ReferralNet.Portal.Shared;

/// <summary>
/// The services' REST APIs, called for the signed-in organisation: its own service by default
/// (survivors, consent and referrals live there), any service by name for the operator. Problems
/// come back as the service's own <c>detail</c> text. The calls are the shared <see cref="ServiceApi"/>'s.
/// </summary>
public sealed class PartnerApi(
    IHttpClientFactory clients,
    IOrganisationCredentials credentials,
    AuthenticationStateProvider authentication,
    IOptions<PortalOptions> options)
{
    public const string ClientName = "services";

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The service that keeps the signed-in organisation's survivors and referrals.</summary>
    public async Task<string> OwnServiceAsync()
    {
        var user = await UserAsync();
        return ServiceNames.ForKind(user.FindFirstValue(OrganisationClaims.Kind) ?? "")
            ?? throw new InvalidOperationException("operators have no service of their own: use the operator pages");
    }

    /// <summary>Calls the signed-in organisation's own service, e.g. <c>Api.CallAsync(api => api.ReferralAsync(id, ct), ct)</c>.</summary>
    public async Task<ApiResult<T>> CallAsync<T>(Func<ServiceApi, Task<ApiResult<T>>> call, CancellationToken ct = default) =>
        await CallAsync(await OwnServiceAsync(), call, ct);

    /// <summary>Calls a service by name (the operator's pages); a service that does not answer is a problem to show, not an exception.</summary>
    public async Task<ApiResult<T>> CallAsync<T>(string service, Func<ServiceApi, Task<ApiResult<T>>> call, CancellationToken ct = default)
    {
        try
        {
            return await call(await ApiOfAsync(service, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return ApiResult<T>.Failure(0, $"the {service} service did not answer; try again in a moment, and if it keeps failing tell your network operator");
        }
    }

    /// <summary>A service's <c>/health</c>: true when it answers 200; the text says what it answered.</summary>
    public async Task<(bool Healthy, string Text)> HealthOfAsync(string service, CancellationToken ct = default)
    {
        try
        {
            return await new ServiceApi(clients.CreateClient(ClientName), new Uri(options.Value.EndpointOf(service).Rest), name: service).HealthAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (false, "not answering");
        }
    }

    async Task<ServiceApi> ApiOfAsync(string service, CancellationToken ct) =>
        new(clients.CreateClient(ClientName), new Uri(options.Value.EndpointOf(service).Rest), await credentials.HeadersForAsync(await UserAsync(), ct), service);
}
