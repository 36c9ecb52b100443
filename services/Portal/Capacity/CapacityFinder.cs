using Grpc.Core;
using ReferralNet.Client;
using ReferralNet.Protos.LegalAid.V1;
using ReferralNet.Protos.Medical.V1;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Protos.Vocational.V1;
using ReferralNet.ServiceDefaults.Identity;
using ReferralNet.Portal.Shared;
using ReferralNet.Portal.SignIn;

namespace ReferralNet.Portal.Capacity;

/// <summary>
/// Finds recipients with room through the services' gRPC lookups, on behalf of the signed-in
/// organisation. Lookups return only offerings with open capacity.
/// </summary>
public sealed class CapacityFinder(LookupChannels channels, IOrganisationCredentials credentials, PartnerApi api, OrganisationDirectory directory)
{
    /// <param name="kind">One of <see cref="CapacityKinds"/>.</param>
    /// <param name="code">Bed type, case type, medical service or programme kind; empty for any.</param>
    public async Task<ApiResult<IReadOnlyList<CapacityOffer>>> FindAsync(string kind, string code, string area, string language, CancellationToken ct)
    {
        var headers = new Metadata();
        foreach (var (name, value) in await credentials.HeadersForAsync(await api.UserAsync(), ct))
            headers.Add(name.ToLowerInvariant(), value);
        var call = new CallOptions(headers, DateTime.UtcNow.AddSeconds(15), ct);
        try
        {
            IReadOnlyList<CapacityOffer> offers = kind switch
            {
                CapacityKinds.Beds => await BedsAsync(code, area, language, call),
                CapacityKinds.Legal => (await new LegalServiceLookup.LegalServiceLookupClient(channels.For("legalaid"))
                        .FindLegalServicesAsync(new FindLegalServicesRequest { CaseType = code, Area = area, Language = language }, call))
                    .Services.Select(s => new CapacityOffer(s.OrganisationId, s.OrganisationName, s.Name, s.Area, s.Languages, s.ServiceCode,
                        s.OpenCapacity, "attorney places", s.Intake?.Name ?? "", s.Intake?.Phone ?? "", s.Intake?.Email ?? "")).ToList(),
                CapacityKinds.Medical => (await new MedicalServiceLookup.MedicalServiceLookupClient(channels.For("medical"))
                        .FindMedicalServicesAsync(new FindMedicalServicesRequest { Service = code, Area = area, Language = language }, call))
                    .Services.Select(s => new CapacityOffer(s.OrganisationId, s.OrganisationName, s.Name, s.Area, s.Languages, s.ServiceCode,
                        s.OpenAppointments, "appointments", s.Intake?.Name ?? "", s.Intake?.Phone ?? "", s.Intake?.Email ?? "")).ToList(),
                CapacityKinds.Vocational => (await new ProgrammeLookup.ProgrammeLookupClient(channels.For("vocational"))
                        .FindProgrammesAsync(new FindProgrammesRequest { Kind = code, Area = area, Language = language }, call))
                    .Programmes.Select(p => new CapacityOffer(p.OrganisationId, p.OrganisationName, p.Name, p.Area, p.Languages, p.ServiceCode,
                        p.OpenSeats, "seats", p.Intake?.Name ?? "", p.Intake?.Phone ?? "", p.Intake?.Email ?? "")).ToList(),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a capacity kind"),
            };
            return ApiResult<IReadOnlyList<CapacityOffer>>.Success(offers, 200);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.NotFound)
        {
            return ApiResult<IReadOnlyList<CapacityOffer>>.Failure(400, e.Status.Detail);
        }
        catch (RpcException)
        {
            return ApiResult<IReadOnlyList<CapacityOffer>>.Failure(503, "the lookup service did not answer; try again in a moment, and if it keeps failing tell your network operator");
        }
    }

    async Task<IReadOnlyList<CapacityOffer>> BedsAsync(string bedType, string area, string language, CallOptions call)
    {
        var reply = await new BedLookup.BedLookupClient(channels.For("shelter"))
            .FindBedsAsync(new FindBedsRequest { BedType = bedType, Area = area, Language = language }, call);
        return reply.Shelters
            .SelectMany(s => s.Beds.Where(b => b.Free > 0 && (bedType.Length == 0 || b.BedType == bedType)).Select(b => new CapacityOffer(
                s.OrganisationId, directory.Find(s.OrganisationId)?.Name ?? s.OrganisationId, $"{s.Name}: {b.BedType} beds", s.Area, s.Languages, $"bed:{b.BedType}",
                b.Free, "free beds", s.Intake?.Name ?? "", s.Intake?.Phone ?? "", s.Intake?.Email ?? "")))
            .ToList();
    }
}
