using ReferralNet.ServiceDefaults.Seeds;
using ReferralNet.Shelter.Beds;
using ReferralNet.Shelter.Data;

namespace ReferralNet.Shelter.Shelters;

/// <summary>Loads <c>seeds/shelters.json</c> into a new database and announces every count.</summary>
public static class ShelterSeeder
{
    public static async Task SeedAsync(ShelterDbContext db, IServiceProvider services)
    {
        foreach (var seed in services.GetRequiredService<SeedFiles>().Read<ShelterSeed>("shelters.json"))
        {
            db.Shelters.Add(new ShelterSite
            {
                Id = seed.Id,
                OrganisationId = seed.OrganisationId,
                Name = seed.Name,
                Area = seed.Area,
                Languages = seed.Languages,
                Accessible = seed.Accessible,
                ChildrenAccepted = seed.ChildrenAccepted,
                StreetAddress = seed.StreetAddress,
                IntakeName = seed.Intake.Name,
                IntakePhone = seed.Intake.Phone,
                IntakeEmail = seed.Intake.Email,
            });
            foreach (var beds in seed.Beds)
                db.Beds.Add(new BedInventory { ShelterId = seed.Id, BedType = beds.BedType, Total = beds.Total, Occupied = beds.Occupied, Version = 1 });
        }
        await db.SaveChangesAsync();
        await services.GetRequiredService<BedLedger>().RepublishAllAsync(CancellationToken.None);
    }

    sealed record ShelterSeed(
        string Id, string OrganisationId, string Name, string Area, List<string> Languages,
        bool Accessible, bool ChildrenAccepted, string StreetAddress, IntakeSeed Intake, List<BedSeed> Beds);

    sealed record IntakeSeed(string Name, string Phone, string Email);

    sealed record BedSeed(string BedType, int Total, int Occupied);
}
