using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.ServiceDefaults.Tests.Identity;

public sealed class Organisation_directory
{
    static readonly OrganisationDirectory Directory = new(
    [
        new Organisation("a", "A", OrganisationKinds.Shelter, "north", ["en"], "key-a"),
        new Organisation("b", "B", OrganisationKinds.LegalAid, "south", ["es"], "key-b"),
    ]);

    [Fact]
    public void Finds_the_organisation_a_key_belongs_to() => Assert.Equal("b", Directory.FindByApiKey("key-b")?.Id);

    [Theory]
    [InlineData("")]
    [InlineData("key-")]
    [InlineData("KEY-A")]
    [InlineData("key-a ")]
    public void Knows_no_organisation_for_a_wrong_key(string key) => Assert.Null(Directory.FindByApiKey(key));

    [Fact]
    public void Loads_the_seeded_organisations_with_every_kind()
    {
        var seeds = new ReferralNet.ServiceDefaults.Seeds.SeedFiles(Microsoft.Extensions.Options.Options.Create(new ReferralNet.ServiceDefaults.ReferralNetOptions()));
        var directory = OrganisationDirectory.Load(seeds.Folder);
        Assert.All(OrganisationKinds.All, kind => Assert.Contains(directory.All, o => o.Kind == kind));
        Assert.True(directory.All.Count(o => o.Kind == OrganisationKinds.Shelter) >= 3);
        Assert.Equal(directory.All.Count, directory.All.Select(o => o.ApiKey).Distinct().Count());
    }

    [Theory]
    [InlineData(OrganisationKinds.Shelter, Roles.ShelterStaff)]
    [InlineData(OrganisationKinds.Operator, Roles.Operator)]
    [InlineData(OrganisationKinds.Medical, Roles.Caseworker)]
    public void Gives_each_kind_its_role(string kind, string role) => Assert.Equal(role, OrganisationClaims.RoleOf(kind));
}
