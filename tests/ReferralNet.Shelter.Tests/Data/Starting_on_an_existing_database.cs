using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using ReferralNet.Shelter.Data;
using ReferralNet.Testing;
using Xunit;

namespace ReferralNet.Shelter.Tests.Data;

public sealed class Starting_on_an_existing_database(BrokerFixture broker) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("referralnet-restart-").FullName;

    string DatabasePath => Path.Combine(_folder, "shelter.db");

    [Fact]
    public async Task Keeps_the_data_of_the_first_start_and_does_not_seed_again()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        await using (var first = Host(connectionString))
        {
            var response = await first.ClientFor(ApiKeys.HarbourHouse).PutAsJsonAsync("/api/shelters/harbour-house-main/beds/women", new { total = 30, occupied = 3 }, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await using var second = Host(connectionString);
        var counts = await second.ClientFor(ApiKeys.HarbourHouse).GetFromJsonAsync<List<Count>>("/api/shelters/harbour-house-main/beds", TestContext.Current.CancellationToken);
        Assert.Contains(new Count("women", 30, 3, 0, 27), counts!);
    }

    [Fact]
    public async Task Refuses_a_database_made_by_an_older_model_and_says_what_to_do()
    {
        var connectionString = await broker.NewVirtualHostAsync();
        await using (var first = Host(connectionString))
            _ = first.Server;
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET model_hash = 'older-model'";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var second = Host(connectionString);
        var error = Assert.ThrowsAny<Exception>(() => second.Server);
        Assert.Contains("older version of this service", error.ToString());
        Assert.Contains("delete its database", error.ToString());
    }

    ServiceHost<ShelterDbContext> Host(string connectionString) =>
        new(connectionString, new Dictionary<string, string?> { ["ReferralNet:DatabasePath"] = DatabasePath });

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    sealed record Count(string BedType, int Total, int Occupied, int Held, int Free);
}
