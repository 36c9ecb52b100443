using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;

namespace ReferralNet.Attacks.Tests.Broker;

/// <summary>
/// The management UI and its HTTP API show every queue and can move, purge or read any message:
/// only the operator may log in, never guest, never a service's account.
/// </summary>
public sealed class Logging_in_to_the_management_ui : IAsyncLifetime
{
    RabbitMqBroker? _broker;

    RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _broker = await RabbitMqBroker.StartWithManagementAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
            await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Refuses_guest_and_a_services_account()
    {
        await using var shelter = new ServiceHost<ShelterDbContext>(await Broker.CreateVirtualHostAsync("management-attack"));
        _ = shelter.Server;
        var shelterAccount = new Uri(shelter.Services.GetRequiredService<IConfiguration>().GetConnectionString("rabbitmq")!).UserInfo;

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["guest"] = await OverviewAsync("guest:guest"),
            ["shelter's account"] = await OverviewAsync(Uri.UnescapeDataString(shelterAccount)),
        };

        Assert.True(answers.Values.All(s => s == HttpStatusCode.Unauthorized),
            "the management API answered " + string.Join(", ", answers.Select(a => $"{a.Key}: {(int)a.Value}")));
    }

    [Fact]
    public async Task Lets_the_operator_in()
    {
        var login = $"{ReferralNet.Broker.BrokerAccounts.OperatorName}:{Broker.Credentials.PasswordOf(ReferralNet.Broker.BrokerAccounts.OperatorName)}";

        Assert.Equal(HttpStatusCode.OK, await OverviewAsync(login));
    }

    async Task<HttpStatusCode> OverviewAsync(string login)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Broker.ManagementUrl!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(login)));
        using var response = await http.GetAsync("api/overview", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
