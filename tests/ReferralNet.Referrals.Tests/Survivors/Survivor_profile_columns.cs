namespace ReferralNet.Referrals.Tests.Survivors;

/// <summary>
/// The profile is its own type in the model but not in the database: the tables are the ones
/// databases were created with, column for column and in the same order, so their model hash still matches.
/// </summary>
public sealed class Survivor_profile_columns : EngineOnSqlite
{
    [Theory]
    [InlineData("survivors")]
    [InlineData("referrals")]
    public async Task Are_the_columns_the_tables_were_created_with(string table)
    {
        var created = await Db(db => db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}").SingleAsync());

        Assert.Equal(table == "survivors" ? Survivors : Referrals, created);
    }

    const string Survivors = """
        CREATE TABLE "survivors" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_survivors" PRIMARY KEY,
            "OrganisationId" TEXT NOT NULL,
            "GivenName" TEXT NULL,
            "FamilyName" TEXT NULL,
            "DateOfBirth" TEXT NULL,
            "Gender" TEXT NULL,
            "Phone" TEXT NULL,
            "Email" TEXT NULL,
            "Languages" TEXT NOT NULL,
            "Dependants" INTEGER NOT NULL,
            "Needs" TEXT NOT NULL,
            "HealthNotes" TEXT NULL,
            "LegalStatusNotes" TEXT NULL,
            "CaseNotes" TEXT NULL,
            "CreatedAt" INTEGER NOT NULL
        )
        """;

    const string Referrals = """
        CREATE TABLE "referrals" (
            "OrganisationId" TEXT NOT NULL,
            "Id" TEXT NOT NULL,
            "Side" TEXT NOT NULL,
            "FromOrganisationId" TEXT NOT NULL,
            "ToOrganisationId" TEXT NOT NULL,
            "Service" TEXT NOT NULL,
            "Priority" TEXT NOT NULL,
            "Status" TEXT NOT NULL,
            "StatusReason" TEXT NULL,
            "DeclinedBy" TEXT NULL,
            "NeedLanguages" TEXT NOT NULL,
            "NeedDependants" INTEGER NOT NULL,
            "NeedAccessibility" INTEGER NOT NULL,
            "ContactingSubjectProhibited" INTEGER NOT NULL,
            "RequestedAt" INTEGER NOT NULL,
            "DueAt" INTEGER NOT NULL,
            "ReceivedAt" INTEGER NULL,
            "AnsweredAt" INTEGER NULL,
            "UpdatedAt" INTEGER NOT NULL,
            "BedHoldId" TEXT NULL,
            "ConsentId" TEXT NULL,
            "ConsentExpiresAt" INTEGER NULL,
            "SharedCategories" TEXT NOT NULL,
            "OriginTraceParent" TEXT NULL,
            "SurvivorId" TEXT NULL,
            "GivenName" TEXT NULL,
            "FamilyName" TEXT NULL,
            "DateOfBirth" TEXT NULL,
            "Gender" TEXT NULL,
            "Phone" TEXT NULL,
            "Email" TEXT NULL,
            "HealthNotes" TEXT NULL,
            "LegalStatusNotes" TEXT NULL,
            "CaseNotes" TEXT NULL,
            "Note" TEXT NULL,
            "PurgedAt" INTEGER NULL,
            "Version" INTEGER NOT NULL,
            CONSTRAINT "PK_referrals" PRIMARY KEY ("OrganisationId", "Id")
        )
        """;
}
