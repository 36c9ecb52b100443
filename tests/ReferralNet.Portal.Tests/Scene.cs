using System.Net.Http.Json;
using System.Text.Json;

namespace ReferralNet.Portal.Tests;

/// <summary>Sets the scene through the services' REST APIs, as another member of staff elsewhere would.</summary>
public static class Scene
{
    /// <summary>A survivor with no personal data and a referral that shares none: always allowed.</summary>
    public static async Task<string> ReferWithoutPersonalDataAsync(HttpClient sender, string toOrganisation, string service, string priority = "routine")
    {
        var survivor = await PostAsync(sender, "/api/survivors", new { dependants = 1 });
        return await PostAsync(sender, "/api/referrals", new { survivorId = survivor, toOrgId = toOrganisation, service, priority });
    }

    public static async Task<string> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task ChangeStatusAsync(HttpClient client, string referralId, string status)
    {
        using var response = await client.PostAsJsonAsync($"/api/referrals/{referralId}/status", new { status });
        Assert.True(response.IsSuccessStatusCode, $"{status}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
