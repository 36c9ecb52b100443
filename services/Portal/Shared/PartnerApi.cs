using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Portal.SignIn;

namespace ReferralNet.Portal.Shared;

/// <summary>
/// The services' REST APIs, called for the signed-in organisation: its own service by default
/// (survivors, consent and referrals live there), any service by name for the operator. Problems
/// come back as the service's own <c>detail</c> text.
/// </summary>
public sealed class PartnerApi(
    IHttpClientFactory clients,
    IOrganisationCredentials credentials,
    AuthenticationStateProvider authentication,
    IOptions<PortalOptions> options)
{
    public const string ClientName = "services";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The service that keeps the signed-in organisation's survivors and referrals.</summary>
    public async Task<string> OwnServiceAsync()
    {
        var user = await UserAsync();
        return ServiceNames.ForKind(user.FindFirstValue(OrganisationClaims.Kind) ?? "")
            ?? throw new InvalidOperationException("operators have no service of their own: use the operator pages");
    }

    public async Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) =>
        await SendAsync<T>(await OwnServiceAsync(), HttpMethod.Get, path, null, ct);

    public async Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken ct = default) =>
        await SendAsync<T>(await OwnServiceAsync(), HttpMethod.Post, path, body, ct);

    public async Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken ct = default) =>
        await SendAsync<T>(await OwnServiceAsync(), HttpMethod.Put, path, body, ct);

    public Task<ApiResult<T>> GetFromAsync<T>(string service, string path, CancellationToken ct = default) =>
        SendAsync<T>(service, HttpMethod.Get, path, null, ct);

    /// <summary>A service's <c>/health</c>: true when it answers 200; the text says what it answered.</summary>
    public async Task<(bool Healthy, string Text)> HealthOfAsync(string service, CancellationToken ct = default)
    {
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(options.Value.EndpointOf(service).Rest), "/health"), ct);
            var text = (await response.Content.ReadAsStringAsync(ct)).Trim();
            return (response.IsSuccessStatusCode, text.Length is > 0 and < 40 ? text : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (false, "not answering");
        }
    }

    async Task<ApiResult<T>> SendAsync<T>(string service, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var user = await UserAsync();
        var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(options.Value.EndpointOf(service).Rest), path));
        foreach (var (name, value) in await credentials.HeadersForAsync(user, ct))
            request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json);
        try
        {
            using var response = await client.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
                return ApiResult<T>.Success(value!, (int)response.StatusCode);
            }
            return ApiResult<T>.Failure((int)response.StatusCode, await ProblemOf(response, service, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return ApiResult<T>.Failure(0, $"the {service} service did not answer; try again in a moment, and if it keeps failing tell your network operator");
        }
    }

    static async Task<string> ProblemOf(HttpResponseMessage response, string service, CancellationToken ct)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
            // Not a problem document: fall through to a message of our own.
        }
        return $"the {service} service answered {(int)response.StatusCode} {response.ReasonPhrase}; try again, and if it keeps failing tell your network operator";
    }
}
