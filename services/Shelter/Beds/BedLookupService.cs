using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.ServiceDefaults.Outcomes;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Referrals;
using ReferralNet.Shelter.Data;
using ReferralNet.Shelter.Shelters;

namespace ReferralNet.Shelter.Beds;

/// <summary>The gRPC bed lookups. Shelter locations are confidential: no reply carries a street address.</summary>
public sealed class BedLookupService(ShelterDbContext db, BedLedger ledger) : BedLookup.BedLookupBase
{
    [Authorize(Policy = AccessPolicies.Partner)]
    public override async Task<FindBedsReply> FindBeds(FindBedsRequest request, ServerCallContext context)
    {
        if (request.BedType.Length > 0 && BedRules.CheckBedType(request.BedType) is { } invalid)
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));

        var language = request.Language;
        if (LookupFilters.Check(request.Area, ref language) is { } badFilter)
            throw new RpcException(new Status(StatusCode.InvalidArgument, badFilter));

        var ct = context.CancellationToken;
        var query = db.Shelters.AsNoTracking();
        if (request.Area.Length > 0) query = query.Where(s => s.Area == request.Area);
        if (request.AccessibleOnly) query = query.Where(s => s.Accessible);
        if (request.ChildrenAccepted) query = query.Where(s => s.ChildrenAccepted);
        var shelters = await query.OrderBy(s => s.Area).ThenBy(s => s.Name).ToListAsync(ct);

        var reply = new FindBedsReply();
        var candidates = shelters.Where(s => language.Length == 0 || s.Languages.Contains(language)).ToList();
        var countsByShelter = await ledger.CountsAsync(candidates.Select(s => s.Id).ToList(), ct);
        foreach (var shelter in candidates)
        {
            var counts = countsByShelter.GetValueOrDefault(shelter.Id) ?? [];
            var matching = counts.Where(c => c.Free > 0 && (request.BedType.Length == 0 || c.BedType == request.BedType)).ToList();
            if (matching.Count > 0)
                reply.Shelters.Add(Profile(shelter, matching));
        }
        return reply;
    }

    [Authorize(Policy = AccessPolicies.Partner)]
    public override async Task<ShelterProfile> GetShelter(GetShelterRequest request, ServerCallContext context)
    {
        var shelter = await db.Shelters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.ShelterId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"there is no shelter '{request.ShelterId}'"));
        return Profile(shelter, await ledger.CountsAsync(shelter.Id, context.CancellationToken));
    }

    // Holding is for referring (AccessPolicies.BedHolder): operators watch the network and refer no one.
    [Authorize(Policy = AccessPolicies.BedHolder)]
    public override async Task<Protos.Shelter.V1.BedHold> HoldBed(HoldBedRequest request, ServerCallContext context)
    {
        var organisationId = context.GetHttpContext().User.OrganisationIdOf();
        var outcome = await ledger.HoldAsync(organisationId, request.ShelterId, request.BedType, request.ReferralId, request.HoldMinutes, context.CancellationToken);
        if (!outcome.Succeeded)
            throw Failure(outcome.Error!.Value, outcome.Message!);
        return Reply(outcome.Value!);
    }

    [Authorize(Policy = AccessPolicies.BedHolder)]
    public override async Task<ReleaseHoldReply> ReleaseHold(ReleaseHoldRequest request, ServerCallContext context)
    {
        // Hold ids are what HoldBed returns: a GUID in its 36-character form (Guid.TryParse alone would also take braces, hex without dashes and padding).
        if (!Guid.TryParseExact(request.HoldId, "D", out var holdId) || request.HoldId != holdId.ToString())
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"hold_id '{request.HoldId}' is not a hold id; use the id HoldBed returned (such as 0f8fad5b-d9cb-469f-a165-70867728950e)"));
        var organisationId = context.GetHttpContext().User.OrganisationIdOf();
        var outcome = await ledger.ReleaseAsync(organisationId, holdId, context.CancellationToken);
        if (!outcome.Succeeded)
            throw Failure(outcome.Error!.Value, outcome.Message!);
        return new ReleaseHoldReply { Released = outcome.Value };
    }

    static ShelterProfile Profile(ShelterSite shelter, IEnumerable<BedCounts> counts)
    {
        var profile = new ShelterProfile
        {
            ShelterId = shelter.Id,
            OrganisationId = shelter.OrganisationId,
            Name = shelter.Name,
            Area = shelter.Area,
            Accessible = shelter.Accessible,
            ChildrenAccepted = shelter.ChildrenAccepted,
            Intake = new IntakeContact { Name = shelter.IntakeName, Phone = shelter.IntakePhone, Email = shelter.IntakeEmail },
        };
        profile.Languages.AddRange(shelter.Languages);
        profile.Beds.AddRange(counts.Select(c => new BedCount { BedType = c.BedType, Total = c.Total, Occupied = c.Occupied, Held = c.Held, Free = c.Free }));
        return profile;
    }

    static Protos.Shelter.V1.BedHold Reply(Beds.BedHold hold) => new()
    {
        HoldId = hold.Id.ToString(),
        ShelterId = hold.ShelterId,
        BedType = hold.BedType,
        ReferralId = hold.ReferralId,
        ExpiresAt = Timestamp.FromDateTimeOffset(hold.ExpiresAt),
    };

    static RpcException Failure(ErrorKind error, string message) => new(new Status(error switch
    {
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.Conflict => StatusCode.FailedPrecondition,
        ErrorKind.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.InvalidArgument,
    }, message));
}
